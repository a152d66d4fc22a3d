import { newPlayer, type Player } from '../support/client';
import { ACCEPT_INVITE, CREATE_INVITE, MENTEES, MENTORS, REVOKE_MENTOR, STEP_DOWN } from '../support/mentors';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
const DAY = 86_400;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

async function players(n: number): Promise<Player[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => newPlayer(server.graphqlUrl, { displayName: `P${i}` })));
}

async function invite(mentee: Player): Promise<{ code: string; expiresAt: string }> {
  return (await mentee.client.ok(CREATE_INVITE)).createMentorInvite;
}

test('an invite expires 7 days after it was created, by the app clock', async () => {
  await server.setClock('2026-05-01T10:00:00.000Z');
  const [mentee, early, late] = await players(3);
  const first = await invite(mentee);
  const second = await invite(mentee);
  expect(first.expiresAt).toBe('2026-05-08T10:00:00.000Z');
  expect(first.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  expect(second.code).not.toBe(first.code);

  await server.advance(7 * DAY - 1);
  const { acceptMentorInvite } = await early.client.ok(ACCEPT_INVITE, { code: first.code });
  expect(acceptMentorInvite.user).toEqual({ id: mentee.id, displayName: 'P0', email: null });

  await server.advance(1);
  const expired = await late.client.fails('INVITE_EXPIRED', ACCEPT_INVITE, { code: second.code });
  expect(expired.message).toMatch(/expired/);
});

test('a code works once: a second accept is INVITE_USED, even by the same mentor', async () => {
  await server.setClock('2026-05-10T10:00:00Z');
  const [mentee, mentor, other] = await players(3);
  const { code } = await invite(mentee);
  await mentor.client.ok(ACCEPT_INVITE, { code: code.toLowerCase().replace(/-/g, ' ') });
  await other.client.fails('INVITE_USED', ACCEPT_INVITE, { code });
  await mentor.client.fails('INVITE_USED', ACCEPT_INVITE, { code });
});

test('nobody mentors themself, an unknown code is NOT_FOUND, and a second link to the same mentee is refused', async () => {
  await server.setClock('2026-05-11T10:00:00Z');
  const [mentee, mentor] = await players(2);
  const own = await invite(mentee);
  const error = await mentee.client.fails('CANNOT_MENTOR_SELF', ACCEPT_INVITE, { code: own.code });
  expect(error.message).toMatch(/yourself/);
  await mentor.client.fails('NOT_FOUND', ACCEPT_INVITE, { code: 'AAAA-BBBB-CCCC-DDDD' });
  await mentor.client.fails('BAD_USER_INPUT', ACCEPT_INVITE, { code: ' - ' });

  await mentor.client.ok(ACCEPT_INVITE, { code: own.code });
  const again = await invite(mentee);
  await mentor.client.fails('ALREADY_MENTORING', ACCEPT_INVITE, { code: again.code });
  // The refused accept did not spend the code: someone else can still use it.
  const [third] = await players(1);
  await third.client.ok(ACCEPT_INVITE, { code: again.code });
});

test('two accepts of one code at the same time: exactly one succeeds', async () => {
  await server.setClock('2026-05-12T10:00:00Z');
  const [mentee, ...mentors] = await players(5);
  const { code } = await invite(mentee);
  const results = await Promise.all(mentors.map((m) => m.client.raw(ACCEPT_INVITE, { code })));
  const succeeded = results.filter((r) => r.data?.acceptMentorInvite);
  const codes = results.filter((r) => r.errors).map((r) => r.errors![0].extensions!.code);
  expect(succeeded).toHaveLength(1);
  expect(codes).toEqual(['INVITE_USED', 'INVITE_USED', 'INVITE_USED']);
  const { mentors: list } = await mentee.client.ok(MENTORS);
  expect(list).toHaveLength(1);
});

test('links: many mentees per mentor, several mentors per mentee; either side can end a link', async () => {
  await server.setClock('2026-05-13T10:00:00Z');
  const [mentor, otherMentor, a, b] = await players(4);
  for (const mentee of [a, b]) await mentor.client.ok(ACCEPT_INVITE, { code: (await invite(mentee)).code });
  await otherMentor.client.ok(ACCEPT_INVITE, { code: (await invite(a)).code });

  expect((await mentor.client.ok(MENTEES)).mentees.map((m: any) => m.user.id).sort()).toEqual([a.id, b.id].sort());
  expect((await a.client.ok(MENTORS)).mentors.map((m: any) => m.id).sort()).toEqual([mentor.id, otherMentor.id].sort());

  expect(await a.client.ok(REVOKE_MENTOR, { mentorId: mentor.id })).toEqual({ revokeMentor: true });
  expect(await a.client.ok(REVOKE_MENTOR, { mentorId: mentor.id })).toEqual({ revokeMentor: false });
  expect(await mentor.client.ok(STEP_DOWN, { menteeId: b.id })).toEqual({ stepDownAsMentor: true });
  expect(await mentor.client.ok(STEP_DOWN, { menteeId: 'not-an-id' })).toEqual({ stepDownAsMentor: false });
  expect((await mentor.client.ok(MENTEES)).mentees).toEqual([]);
  expect((await a.client.ok(MENTORS)).mentors.map((m: any) => m.id)).toEqual([otherMentor.id]);
});
