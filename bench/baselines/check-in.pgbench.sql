-- S3 baseline: the statements the API runs for one first check-in of a player (see
-- src/services/game-action.ts and check-in.service.ts), then the gameState read of its payload.
\set n random(1, :players)
\set d random(0, 200000)
BEGIN;
SELECT c.*, u.timezone, (SELECT array_agg(a.achievement_code) FROM user_achievements a WHERE a.user_id = c.user_id) AS unlocked FROM characters c JOIN users u ON u.id = c.user_id WHERE c.user_id = ('00000000-0000-4000-8000-' || lpad(to_hex(:n), 12, '0'))::uuid FOR UPDATE OF c;
INSERT INTO check_ins (user_id, date, mood, note, created_at) VALUES (('00000000-0000-4000-8000-' || lpad(to_hex(:n), 12, '0'))::uuid, DATE '2000-01-01' + :d, 4, NULL, now()) ON CONFLICT DO NOTHING RETURNING id;
INSERT INTO xp_ledger (user_id, amount, source, reference, rule, inputs, created_at) VALUES (('00000000-0000-4000-8000-' || lpad(to_hex(:n), 12, '0'))::uuid, 11, 'CHECK_IN', 'bench', '10 + min(streak, 20)', '{"streak": 1}', now()) RETURNING id;
INSERT INTO user_achievements (user_id, achievement_code, unlocked_at) SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(:n), 12, '0'))::uuid, code, now() FROM unnest(ARRAY['FIRST_CHECK_IN']::varchar[]) AS code ON CONFLICT DO NOTHING RETURNING achievement_code;
UPDATE characters SET level = 1, xp = xp + 11, clarity = 0, discipline = 0, resilience = 0, energy = LEAST(100, energy + 10), fatigue = GREATEST(0, fatigue - 10), loyalty = loyalty + 5, streak_current = 1, streak_longest = GREATEST(streak_longest, 1), grace_days = grace_days, last_check_in_date = DATE '2000-01-01' + :d, repaired_on = NULL, last_repair_on = last_repair_on, check_ins_total = check_ins_total + 1, sprints_completed = sprints_completed, intentions_completed = intentions_completed, inventory_count = inventory_count WHERE user_id = ('00000000-0000-4000-8000-' || lpad(to_hex(:n), 12, '0'))::uuid;
INSERT INTO game_events (user_id, type, payload, occurred_at) VALUES (('00000000-0000-4000-8000-' || lpad(to_hex(:n), 12, '0'))::uuid, 'STREAK_UPDATED', '{"current":1,"longest":1,"status":"ACTIVE","graceDays":1}', now()), (('00000000-0000-4000-8000-' || lpad(to_hex(:n), 12, '0'))::uuid, 'XP_GAINED', '{"amount":11,"source":"CHECK_IN","totalXp":11,"level":1}', now()), (('00000000-0000-4000-8000-' || lpad(to_hex(:n), 12, '0'))::uuid, 'ACHIEVEMENT_UNLOCKED', '{"code":"FIRST_CHECK_IN"}', now()) RETURNING id;
END;
