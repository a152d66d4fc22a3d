import { randomUUID } from 'node:crypto';

import jwt from 'jsonwebtoken';
import { Client } from 'pg';

import { BENCH_SECRET } from './api-process';

export const PG_BASE = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A fresh database for one bench run, dropped at the end. */
export async function createBenchDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `xecution_bench_${Date.now()}`;
  await admin(`CREATE DATABASE ${name}`);
  return { url: `${PG_BASE}/${name}`, name, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: `${PG_BASE}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates `count` players straight in SQL (argon2 would take minutes for thousands) and returns their
 * ids with access tokens signed by the bench secret, valid for `ttlSeconds`.
 */
export async function createPlayers(url: string, count: number, ttlSeconds = 3600): Promise<{ id: string; token: string }[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await withClient(url, async (client) => {
    for (let i = 0; i < ids.length; i += 1000) {
      const chunk = ids.slice(i, i + 1000);
      await client.query(
        `INSERT INTO users (id, email, password_hash, display_name, timezone)
         SELECT id, 'bench-' || id || '@example.test', 'not-a-hash', 'Bench player', 'UTC' FROM unnest($1::uuid[]) AS id`,
        [chunk],
      );
      await client.query('INSERT INTO characters (user_id) SELECT unnest($1::uuid[])', [chunk]);
    }
  });
  return ids.map((id) => ({
    id,
    token: jwt.sign({}, BENCH_SECRET, {
      algorithm: 'HS256',
      subject: id,
      expiresIn: ttlSeconds,
      issuer: 'xecution',
      audience: 'xecution-api',
    }),
  }));
}
