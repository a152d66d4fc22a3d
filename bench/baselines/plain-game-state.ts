import { createServer } from 'node:http';

import { Pool } from 'pg';

import { GAME_STATE_SQL } from '../../src/services/game-state.service';

/**
 * S1's baseline: node:http + pg running the same SQL statement the API runs for `gameState` (prepared), and
 * answering its row as JSON. No GraphQL, no auth, no framework: an upper bound for the API.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 8) });
const userId = process.env.BENCH_USER_ID as string;

createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    // Prepared once per connection, as the API prepares its statements (src/db/prepared-statements.ts).
    pool.query({ name: 'game_state', text: GAME_STATE_SQL, values: [[userId]] }).then(
      ({ rows }) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: { gameState: rows[0] } }));
      },
      (err: Error) => {
        res.statusCode = 500;
        res.end(err.message);
      },
    );
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
