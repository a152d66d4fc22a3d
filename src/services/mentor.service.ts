import type { Database } from '../db/database';
import { badInput, ErrorCode, notFound, ruleBroken } from '../errors/domain-errors';
import { isUuid } from '../lib/ids';
import type { Scope } from '../lib/scope';
import type { MenteeAnalyticsService } from './mentee-analytics.service';
import { INVITE_TTL_DAYS, inviteCodeHash, inviteExpiresAt, newInviteCode, normalizeInviteCode } from './mentor.rules';
import type { MenteeView, MentorInviteView, MentorView } from './mentor.views';

interface InviteRow {
  id: string;
  mentee_id: string;
  expires_at: Date;
  used_at: Date | null;
}

/**
 * Mentor links. A mentee hands out a single-use invite; whoever accepts it becomes their mentor and may
 * read (never write) their graph until either side ends the link. Every change acts on the caller.
 */
export class MentorService {
  constructor(
    private readonly db: Database,
    private readonly analytics: MenteeAnalyticsService,
  ) {}

  /** A single-use code for the caller to hand to a would-be mentor; it expires after 7 days. Only its hash is stored. */
  async createInvite(scope: Scope): Promise<MentorInviteView> {
    const menteeId = scope.session.requireUserId();
    const now = scope.clock.now();
    const code = newInviteCode();
    const expiresAt = inviteExpiresAt(now);
    await this.db.transaction((tx) =>
      tx.query(`INSERT INTO mentor_invites (mentee_id, code_hash, created_at, expires_at) VALUES ($1, $2, $3, $4)`, [
        menteeId,
        inviteCodeHash(code),
        now,
        expiresAt,
      ]),
    );
    return { code, expiresAt };
  }

  /**
   * The caller becomes the mentor of the invite's owner. The invite row is locked, so of two accepts of
   * one code exactly one succeeds; the other sees INVITE_USED.
   */
  async acceptInvite(scope: Scope, code: string): Promise<MenteeView> {
    const mentorId = scope.session.requireUserId();
    const now = scope.clock.now();
    const normalized = normalizeInviteCode(code);
    if (normalized.length === 0 || normalized.length > 64)
      throw badInput('code', 'code must be an invite code such as ABCD-EFGH-JKMN-PQRS.');
    const menteeId = await this.db.transaction(async (tx) => {
      const rows: InviteRow[] = await tx.query(
        `SELECT id, mentee_id, expires_at, used_at FROM mentor_invites WHERE code_hash = $1 FOR UPDATE`,
        [inviteCodeHash(normalized)],
      );
      const invite = rows[0];
      if (!invite) throw notFound('Invite');
      if (invite.mentee_id === mentorId)
        throw ruleBroken(ErrorCode.CANNOT_MENTOR_SELF, 'You cannot mentor yourself: hand the code to your mentor.');
      if (invite.used_at) throw ruleBroken(ErrorCode.INVITE_USED, 'This invite was already used. Ask for a new one.');
      if (new Date(invite.expires_at) <= now) {
        throw ruleBroken(ErrorCode.INVITE_EXPIRED, `This invite expired (invites last ${INVITE_TTL_DAYS} days). Ask for a new one.`);
      }
      const linked: unknown[] = await tx.query(
        `INSERT INTO mentor_links (mentor_id, mentee_id, invite_id, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (mentor_id, mentee_id) WHERE revoked_at IS NULL DO NOTHING RETURNING id`,
        [mentorId, invite.mentee_id, invite.id, now],
      );
      if (linked.length === 0) throw ruleBroken(ErrorCode.ALREADY_MENTORING, 'You already mentor this person.');
      await tx.query(`WITH used AS (UPDATE mentor_invites SET used_at = $2, used_by = $3 WHERE id = $1 RETURNING id) SELECT id FROM used`, [
        invite.id,
        now,
        mentorId,
      ]);
      return invite.mentee_id;
    });
    const mentee = await this.analytics.forPair(mentorId, menteeId, now);
    if (!mentee) throw notFound('Mentee');
    return mentee;
  }

  /** The caller (a mentee) ends their link with `mentorId`. False when there was no active link. */
  revokeMentor(scope: Scope, mentorId: string): Promise<boolean> {
    const menteeId = scope.session.requireUserId();
    return this.endLink(scope, mentorId, menteeId, menteeId);
  }

  /** The caller (a mentor) stops mentoring `menteeId`. False when there was no active link. */
  stepDown(scope: Scope, menteeId: string): Promise<boolean> {
    const mentorId = scope.session.requireUserId();
    return this.endLink(scope, mentorId, menteeId, mentorId);
  }

  /** The caller's active mentees with their dashboard figures, HIGH risk first (one SQL statement). */
  mentees(scope: Scope): Promise<MenteeView[]> {
    return this.analytics.forMentor(scope.session.requireUserId(), scope.clock.now());
  }

  /** The caller's active mentors, oldest link first. */
  async mentors(scope: Scope): Promise<MentorView[]> {
    const rows = await this.db.query<{ id: string; display_name: string; since: Date }>(
      `SELECT u.id, u.display_name, l.created_at AS since
         FROM mentor_links l JOIN users u ON u.id = l.mentor_id
        WHERE l.mentee_id = $1 AND l.revoked_at IS NULL
        ORDER BY l.created_at, u.id`,
      [scope.session.requireUserId()],
    );
    return rows.map((row) => ({ id: row.id, displayName: row.display_name, since: new Date(row.since) }));
  }

  private async endLink(scope: Scope, mentorId: string, menteeId: string, by: string): Promise<boolean> {
    if (!isUuid(mentorId) || !isUuid(menteeId)) return false;
    const ended = await this.db.transaction((tx): Promise<{ id: string }[]> =>
      tx.query(
        `WITH ended AS (
             UPDATE mentor_links SET revoked_at = greatest($3::timestamptz, created_at), revoked_by = $4
              WHERE mentor_id = $1 AND mentee_id = $2 AND revoked_at IS NULL
             RETURNING id)
           SELECT id FROM ended`,
        [mentorId, menteeId, scope.clock.now(), by],
      ),
    );
    return ended.length > 0;
  }
}
