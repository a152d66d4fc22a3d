import { PreparingClient } from '../../src/db/prepared-statements';
import { onRealPostgres } from '../support/server';

/** Prepared statements are a feature of real PostgreSQL connections (the embedded pass has none). */
const onPostgres = onRealPostgres ? describe : describe.skip;

onPostgres('PreparingClient', () => {
  let client: PreparingClient;
  const prepared = async () =>
    (await client.query<{ name: string; statement: string }>('SELECT name, statement FROM pg_prepared_statements ORDER BY name')).rows;

  beforeEach(async () => {
    client = new PreparingClient({ connectionString: process.env.DATABASE_URL });
    await client.connect();
  });
  afterEach(() => client.end());

  test('a parameterised statement is prepared once per connection and then only executed', async () => {
    const sql = 'SELECT $1::int + 1 AS n';
    expect((await client.query(sql, [1])).rows).toEqual([{ n: 2 }]);
    expect((await client.query(sql, [41])).rows).toEqual([{ n: 42 }]);
    const statements = await prepared();
    expect(statements).toHaveLength(1);
    expect(statements[0].name).toMatch(/^x_[0-9a-f]{40}$/);
    expect(statements[0].statement).toBe(sql);
  });

  test('statements without parameters are not prepared', async () => {
    await client.query('SELECT 1');
    await client.query('SELECT 2', []);
    expect(await prepared()).toEqual([]);
  });

  test('a connection keeps at most 256 statements prepared; the rest still run, unnamed', async () => {
    for (let i = 0; i < 300; i++) expect((await client.query(`SELECT $1::int + ${i} AS n`, [1])).rows[0].n).toBe(1 + i);
    expect(await prepared()).toHaveLength(256);
    expect((await client.query('SELECT $1::int + 0 AS n', [5])).rows[0].n).toBe(5);
  });

  test('a failing statement does not break the connection or its prepared statements', async () => {
    await expect(client.query('SELECT $1::int / 0 AS n', [1])).rejects.toThrow(/division by zero/);
    await expect(client.query('SELECT $1::int / 0 AS n', [2])).rejects.toThrow(/division by zero/);
    expect((await client.query('SELECT $1::int + 1 AS n', [1])).rows).toEqual([{ n: 2 }]);
  });
});
