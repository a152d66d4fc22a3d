import type { Player } from './client';

/** GraphQL documents and helpers of the mentor tests. */
export const CREATE_INVITE = `mutation { createMentorInvite { code expiresAt } }`;

export const MENTEE_FIELDS = `
  since adherence7 adherence30 risk currentStreak longestStreak daysSinceLastCheckIn
  series { date checkedIn xp }
  user { id displayName email }`;

export const ACCEPT_INVITE = `mutation Accept($code: String!) { acceptMentorInvite(code: $code) { ${MENTEE_FIELDS} } }`;

export const REVOKE_MENTOR = `mutation Revoke($mentorId: ID!) { revokeMentor(mentorId: $mentorId) }`;

export const STEP_DOWN = `mutation StepDown($menteeId: ID!) { stepDownAsMentor(menteeId: $menteeId) }`;

export const MENTEES = `{ mentees { ${MENTEE_FIELDS} } }`;

export const MENTORS = `{ mentors { id displayName since } }`;

const PAGE = `pageInfo { hasNextPage endCursor } edges { cursor node { __typename } }`;

/** `user(id)` with every field and connection under it. */
export const USER_GRAPH = `query UserGraph($id: ID!) {
  user(id: $id) {
    id displayName timezone email
    gameState { xp level streak { current } }
    checkIns(first: 5) { ${PAGE} }
    sprints(first: 5) { ${PAGE} }
    intentions(first: 5) { ${PAGE} }
    xpLedger(first: 5) { ${PAGE} }
    events(first: 5) { ${PAGE} }
  }
}`;

/** Each connection under `user(id)` on its own, so each is checked separately. */
export const USER_CONNECTIONS = ['checkIns', 'sprints', 'intentions', 'xpLedger', 'events'].map(
  (field) => `query One($id: ID!) { user(id: $id) { id ${field}(first: 3) { ${PAGE} } } }`,
);

/** `mentee` hands out an invite and `mentor` accepts it. */
export async function linkMentor(mentor: Player, mentee: Player): Promise<void> {
  const { createMentorInvite } = await mentee.client.ok(CREATE_INVITE);
  await mentor.client.ok(ACCEPT_INVITE, { code: createMentorInvite.code });
}
