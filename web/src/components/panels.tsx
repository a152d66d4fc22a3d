import { useState } from 'preact/hooks';

import type { Auth } from '../auth';
import { formatDuration } from '../game';
import { useAction, useNow } from '../hooks';
import {
  ABANDON_SPRINT,
  BUY_TOOL,
  CHECK_IN,
  CLAIM,
  COMPLETE_INTENTION,
  COMPLETE_RECOVERY,
  COMPLETE_SPRINT,
  SET_INTENTION,
  START_RECOVERY,
  START_SPRINT,
  USE_TOOL,
} from '../operations';
import type { Achievement, DailyIntention, GameState, RecoveryQuest, Sprint, Tool } from '../types';

/** What an action panel needs to act and to show the result. */
export interface Actions {
  auth: Auth;
  /** Puts a game state returned by a mutation on screen. */
  show: (state: GameState) => void;
  /** Reloads the whole screen (for mutations that return only part of it). */
  reload: () => Promise<void>;
  /** Says what an action earned ("+14 XP"). */
  notify: (text: string) => void;
}

interface Payload {
  xpGained: number;
  unlocked: Achievement[];
  gameState: GameState;
}

function describePayload(what: string, payload: Payload): string {
  const unlocked = payload.unlocked.map((a) => a.name).join(', ');
  return `${what}: +${payload.xpGained} XP${unlocked ? ` · unlocked ${unlocked}` : ''}`;
}

function ErrorLine({ error }: { error: string | null }) {
  return error ? (
    <p class="error" role="alert" data-testid="action-error">
      {error}
    </p>
  ) : null;
}

export function LevelPanel({ state }: { state: GameState }) {
  const span = state.xpIntoLevel + state.xpToNextLevel;
  const ratio = span > 0 ? state.xpIntoLevel / span : 0;
  return (
    <section class="panel level" data-testid="level-panel">
      <h2>
        Level <span data-testid="level">{state.level}</span>
      </h2>
      <div class="bar xp" title={`${state.xpIntoLevel} / ${span} XP`}>
        <div class="fill" data-testid="xp-bar" data-xp={state.xp} style={{ width: `${(ratio * 100).toFixed(2)}%` }} />
      </div>
      <p class="muted">
        <span data-testid="xp-total">{state.xp}</span> XP · {state.xpIntoLevel}/{span} into level · {state.xpToNextLevel} to level {state.level + 1}
      </p>
      <p class="stats">
        Clarity {state.stats.clarity} · Discipline {state.stats.discipline} · Resilience {state.stats.resilience}
      </p>
    </section>
  );
}

export function StreakPanel({ state }: { state: GameState }) {
  const now = useNow();
  const { streak } = state;
  const expires = streak.expiresAt ? Date.parse(streak.expiresAt) : null;
  return (
    <section class="panel streak" data-testid="streak-panel">
      <h2>Streak</h2>
      <p class="big">
        <span data-testid="streak-current">{streak.current}</span> <small>day{streak.current === 1 ? '' : 's'}</small>
      </p>
      <p>
        <span class={`badge status-${streak.status.toLowerCase()}`} data-testid="streak-status">
          {streak.status.replace('_', ' ')}
        </span>
      </p>
      <p class="muted">
        Longest {streak.longest} · grace days {streak.graceDays}
      </p>
      {expires !== null && (
        <p class="muted" data-testid="streak-expires">
          {expires > now ? `Expires in ${formatDuration(expires - now)}` : 'Expired'} ({new Date(expires).toLocaleString()})
        </p>
      )}
    </section>
  );
}

function Gauge({ label, value, max = 100, testId }: { label: string; value: number; max?: number; testId: string }) {
  return (
    <div class="gauge">
      <span>{label}</span>
      <div class="bar">
        <div class={`fill ${testId}`} style={{ width: `${Math.min(100, (value / max) * 100)}%` }} />
      </div>
      <span data-testid={testId}>{value}</span>
    </div>
  );
}

export function GaugesPanel({ state }: { state: GameState }) {
  return (
    <section class="panel gauges" data-testid="gauges">
      <h2>Condition</h2>
      <Gauge label="Energy" value={state.energy} testId="energy" />
      <Gauge label="Fatigue" value={state.fatigue} testId="fatigue" />
      <Gauge label="Loyalty" value={state.loyalty} max={Math.max(100, state.loyalty)} testId="loyalty" />
    </section>
  );
}

export function CheckInPanel({ state, actions }: { state: GameState; actions?: Actions }) {
  const [mood, setMood] = useState(4);
  const [note, setNote] = useState('');
  const { run, busy, error } = useAction();
  const submit = () =>
    run(async () => {
      const input = { mood, ...(note.trim() ? { note: note.trim() } : {}) };
      const { checkIn } = await actions!.auth.request<{ checkIn: Payload }>(CHECK_IN, { input });
      actions!.show(checkIn.gameState);
      actions!.notify(describePayload('Checked in', checkIn));
      setNote('');
    });
  return (
    <section class="panel checkin" data-testid="checkin-panel">
      <h2>Check-in · {state.today}</h2>
      {state.checkedInToday ? (
        <p class="ok" data-testid="checked-in">
          Checked in today ✓
        </p>
      ) : (
        <p class="muted">Not checked in yet today.</p>
      )}
      {actions && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label>
            Mood
            <select value={mood} onChange={(e) => setMood(Number(e.currentTarget.value))} data-testid="mood">
              {[1, 2, 3, 4, 5].map((m) => (
                <option value={m}>{['', '1 · rough', '2 · low', '3 · okay', '4 · good', '5 · great'][m]}</option>
              ))}
            </select>
          </label>
          <textarea placeholder="A note (optional)" maxLength={1000} value={note} onInput={(e) => setNote(e.currentTarget.value)} data-testid="note" />
          <button type="submit" disabled={busy} data-testid="check-in">
            Check in
          </button>
          <ErrorLine error={error} />
        </form>
      )}
    </section>
  );
}

export function IntentionPanel({ intention, actions }: { intention: DailyIntention | null; actions?: Actions }) {
  const [text, setText] = useState('');
  const [target, setTarget] = useState(1);
  const { run, busy, error } = useAction();
  const set = () =>
    run(async () => {
      await actions!.auth.request(SET_INTENTION, { input: { text, targetSprints: target } });
      setText('');
      await actions!.reload();
    });
  const complete = () =>
    run(async () => {
      const { completeDailyIntention } = await actions!.auth.request<{ completeDailyIntention: Payload }>(COMPLETE_INTENTION);
      actions!.show(completeDailyIntention.gameState);
      actions!.notify(describePayload('Intention done', completeDailyIntention));
    });
  return (
    <section class="panel intention" data-testid="intention-panel">
      <h2>Today's intention</h2>
      {intention ? (
        <div>
          <p class="intention-text" data-testid="intention-text">
            {intention.text}
          </p>
          <p>
            <span class={`badge intention-${intention.status.toLowerCase()}`} data-testid="intention-status">
              {intention.status}
            </span>{' '}
            <span class="muted">
              {intention.targetSprints} sprint{intention.targetSprints === 1 ? '' : 's'} planned
            </span>
          </p>
          {actions && intention.status === 'PENDING' && (
            <button onClick={() => void complete()} disabled={busy} data-testid="complete-intention">
              Complete intention (+50 XP)
            </button>
          )}
        </div>
      ) : (
        <p class="muted">No intention set today.</p>
      )}
      {actions && !intention && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void set();
          }}
        >
          <input placeholder="The one thing to ship today" value={text} onInput={(e) => setText(e.currentTarget.value)} data-testid="intention-input" />
          <label>
            Sprints
            <input type="number" min={1} max={8} value={target} onInput={(e) => setTarget(Number(e.currentTarget.value))} />
          </label>
          <button type="submit" disabled={busy} data-testid="set-intention">
            Set intention
          </button>
        </form>
      )}
      <ErrorLine error={error} />
    </section>
  );
}

export function SprintPanel({ sprint, intentionId, actions }: { sprint: Sprint | null; intentionId: string | null; actions?: Actions }) {
  const now = useNow();
  const [minutes, setMinutes] = useState(25);
  const { run, busy, error } = useAction();
  const running = sprint?.status === 'RUNNING' ? sprint : null;
  const start = () =>
    run(async () => {
      await actions!.auth.request(START_SPRINT, { input: { plannedMinutes: minutes, ...(intentionId ? { intentionId } : {}) } });
      await actions!.reload();
    });
  const complete = (id: string) =>
    run(async () => {
      const { completeSprint } = await actions!.auth.request<{ completeSprint: Payload }>(COMPLETE_SPRINT, { id });
      actions!.show(completeSprint.gameState);
      actions!.notify(describePayload('Sprint complete', completeSprint));
    });
  const abandon = (id: string) =>
    run(async () => {
      await actions!.auth.request(ABANDON_SPRINT, { id });
      await actions!.reload();
      actions!.notify('Sprint abandoned');
    });
  const endsAt = running ? Date.parse(running.startedAt) + running.plannedMinutes * 60_000 : 0;
  return (
    <section class="panel sprint" data-testid="sprint-panel">
      <h2>Sprint</h2>
      {running ? (
        <div>
          <p class="big timer" data-testid="sprint-timer">
            {endsAt > now ? formatDuration(endsAt - now) : 'Time is up'}
          </p>
          <p class="muted">
            {running.plannedMinutes}-minute sprint · started {new Date(running.startedAt).toLocaleTimeString()}
          </p>
          <div class="bar">
            <div class="fill sprint-fill" style={{ width: `${Math.min(100, ((now - Date.parse(running.startedAt)) / (running.plannedMinutes * 600)) | 0)}%` }} />
          </div>
          {actions && (
            <p>
              <button onClick={() => void complete(running.id)} disabled={busy} data-testid="complete-sprint">
                Complete sprint
              </button>{' '}
              <button class="secondary" onClick={() => void abandon(running.id)} disabled={busy} data-testid="abandon-sprint">
                Abandon
              </button>
            </p>
          )}
        </div>
      ) : (
        <p class="muted" data-testid="no-sprint">
          No sprint running.
        </p>
      )}
      {actions && !running && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <label>
            Minutes
            <input type="number" min={5} max={180} value={minutes} onInput={(e) => setMinutes(Number(e.currentTarget.value))} data-testid="sprint-minutes" />
          </label>
          <button type="submit" disabled={busy} data-testid="start-sprint">
            Start sprint
          </button>
        </form>
      )}
      <ErrorLine error={error} />
    </section>
  );
}

export function RecoveryPanel({ state, actions }: { state: GameState; actions?: Actions }) {
  const [reflection, setReflection] = useState('');
  const { run, busy, error } = useAction();
  const quest: RecoveryQuest | null = state.recoveryQuest?.status === 'OPEN' ? state.recoveryQuest : null;
  if (!quest && state.streak.status !== 'BROKEN') return null;
  const start = () =>
    run(async () => {
      await actions!.auth.request(START_RECOVERY);
      await actions!.reload();
    });
  const complete = () =>
    run(async () => {
      const { completeRecoveryQuest } = await actions!.auth.request<{ completeRecoveryQuest: Payload }>(COMPLETE_RECOVERY, { reflection });
      actions!.show(completeRecoveryQuest.gameState);
      actions!.notify(describePayload('Streak repaired', completeRecoveryQuest));
    });
  return (
    <section class="panel recovery" data-testid="recovery-panel">
      <h2>Fail forward</h2>
      {quest ? (
        <div>
          <p>{quest.prompt}</p>
          <p class="muted">Open until {quest.expiresOn}</p>
          {actions && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void complete();
              }}
            >
              <textarea placeholder="Your reflection (20+ characters)" value={reflection} onInput={(e) => setReflection(e.currentTarget.value)} />
              <button type="submit" disabled={busy}>
                Complete recovery quest
              </button>
            </form>
          )}
        </div>
      ) : (
        <div>
          <p class="muted">The streak is broken. A recovery quest can repair it.</p>
          {actions && (
            <button onClick={() => void start()} disabled={busy}>
              Start recovery quest
            </button>
          )}
        </div>
      )}
      <ErrorLine error={error} />
    </section>
  );
}

export function AchievementsPanel({ state, actions }: { state: GameState; actions?: Actions }) {
  const { run, busy, error } = useAction();
  const claim = (code: string) =>
    run(async () => {
      const { claimAchievement } = await actions!.auth.request<{ claimAchievement: Payload }>(CLAIM, { code });
      actions!.show(claimAchievement.gameState);
      actions!.notify(describePayload(`Claimed ${code}`, claimAchievement));
    });
  return (
    <section class="panel achievements" data-testid="achievements-panel">
      <h2>Achievements</h2>
      <ul class="achievement-list">
        {state.achievements.map(({ achievement: a, unlockedAt, claimedAt }) => {
          const status = claimedAt ? 'claimed' : unlockedAt ? 'unlocked' : 'locked';
          return (
            <li class={`achievement ${status}`} data-testid={`achievement-${a.code}`} data-status={status} title={a.description}>
              <strong>{a.name}</strong>
              <span class="muted">{a.description}</span>
              {status === 'claimed' && <span class="ok">Claimed ✓ +{a.rewardXp} XP</span>}
              {status === 'locked' && <span class="muted">Locked · {a.rewardXp} XP</span>}
              {status === 'unlocked' &&
                (actions ? (
                  <button onClick={() => void claim(a.code)} disabled={busy} data-testid={`claim-${a.code}`}>
                    Claim +{a.rewardXp} XP
                  </button>
                ) : (
                  <span class="ok">Unlocked</span>
                ))}
            </li>
          );
        })}
      </ul>
      <ErrorLine error={error} />
    </section>
  );
}

export function ToolsPanel({ state, tools, actions }: { state: GameState; tools: Tool[]; actions?: Actions }) {
  const { run, busy, error } = useAction();
  const act = (document: string, field: 'buyTool' | 'useTool', code: string, verb: string) =>
    run(async () => {
      const data = await actions!.auth.request<Record<string, GameState>>(document, { code });
      actions!.show(data[field]);
      actions!.notify(`${verb} ${code}`);
    });
  return (
    <section class="panel tools" data-testid="tools-panel">
      <h2>Inventory</h2>
      {state.inventory.length === 0 ? (
        <p class="muted">Empty (holds 5 items).</p>
      ) : (
        <ul data-testid="inventory">
          {state.inventory.map(({ tool, quantity }) => (
            <li data-testid={`inventory-${tool.code}`}>
              {tool.name} × <span data-testid={`quantity-${tool.code}`}>{quantity}</span>{' '}
              {actions && (
                <button onClick={() => void act(USE_TOOL, 'useTool', tool.code, 'Used')} disabled={busy} data-testid={`use-${tool.code}`}>
                  Use
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {actions && (
        <div>
          <h3>Tool shop · {state.loyalty} loyalty</h3>
          <ul class="shop">
            {tools.map((tool) => (
              <li>
                <strong>{tool.name}</strong> <span class="muted">{tool.description}</span>{' '}
                <button onClick={() => void act(BUY_TOOL, 'buyTool', tool.code, 'Bought')} disabled={busy} data-testid={`buy-${tool.code}`}>
                  Buy · {tool.cost}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <ErrorLine error={error} />
    </section>
  );
}
