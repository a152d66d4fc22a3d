import { newPlayer } from '../support/client';
import { CHECK_IN } from '../support/operations';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

test('a new player checks in and earns 11 XP with a streak of 1', async () => {
  await server.setClock('2026-03-10T12:00:00Z');
  const { client } = await newPlayer(server.graphqlUrl);
  const data = await client.ok(CHECK_IN, { input: { mood: 4, note: 'ready' } });
  expect(data.checkIn.xpGained).toBe(11);
  expect(data.checkIn.gameState.streak).toMatchObject({ current: 1, status: 'ACTIVE' });
  expect(data.checkIn.unlocked).toEqual([{ code: 'FIRST_CHECK_IN' }]);
});
