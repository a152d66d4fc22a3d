import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from 'pg';

import { freePort } from './processes';

const BIN_DIRS = ['/usr/local/bin', '/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin'];

function binary(name: string): string | null {
  for (const dir of BIN_DIRS) if (existsSync(join(dir, name))) return join(dir, name);
  return null;
}

export const canRunPostgres = Boolean(binary('initdb') && binary('pg_ctl'));

export interface PrivatePostgres {
  url: string;
  port: number;
  /** Fast shutdown: open sessions are terminated, in-flight transactions roll back. */
  stop(): void;
  start(): void;
  destroy(): void;
}

/**
 * A PostgreSQL server of the test's own (initdb + pg_ctl in a temp dir, on a free port), never the shared
 * one. initdb refuses to run as root, so as root it runs as the `postgres` user.
 */
export async function startPostgres(database = 'xecution_fault'): Promise<PrivatePostgres> {
  const initdb = binary('initdb') as string;
  const pgCtl = binary('pg_ctl') as string;
  const port = await freePort();
  const root = mkdtempSync(join(tmpdir(), 'xecution-pg-'));
  const dataDir = join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(root, uid, gid);
  }
  const run = (file: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : file, asRoot ? ['-u', 'postgres', '--', file, ...args] : args, { stdio: 'pipe', timeout: 60_000 });
  run(initdb, ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const start = () => run(pgCtl, ['-D', dataDir, '-o', options, '-l', join(root, 'log'), '-w', '-t', '30', 'start']);
  start();
  const admin = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${database}`,
    port,
    stop: () => run(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', '-t', '30', 'stop']),
    start,
    destroy() {
      try {
        run(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
