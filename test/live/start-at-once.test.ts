import { createIsolatedDatabase, onRealPostgres, startTestServer, type TestServer } from '../support/server';

// Several instances starting at once on one fresh PostgreSQL database (a deploy of N replicas): each runs
// the migrations and creates the job queues, both DDL, under start-up advisory locks. Embedded PGlite is
// one process, so this is a PostgreSQL test.
const describePostgres = onRealPostgres ? describe : describe.skip;

describePostgres('instances starting at once on one new database', () => {
  test('four start, none deadlocks, each serves, and the queues exist once', async () => {
    const database = await createIsolatedDatabase();
    const servers: TestServer[] = [];
    try {
      const started = await Promise.allSettled(Array.from({ length: 4 }, () => startTestServer({ DATABASE_URL: database.url })));
      for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
      expect(started.filter((s) => s.status === 'rejected').map((s) => String(s.reason))).toEqual([]);
      for (const server of servers) {
        const res = await fetch(server.graphqlUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
        expect(((await res.json()) as { data: unknown }).data).toEqual({ __typename: 'Query' });
      }
      const queues: { name: string }[] = await servers[0].app.db.query(`SELECT name FROM pgboss.queue ORDER BY name`);
      expect(queues.map((q) => q.name)).toEqual(['day-close-batch', 'day-close-plan']);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await database.drop();
    }
  }, 120_000);
});
