import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { eventually } from './eventually';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface ChildServer {
  url: string;
  process: ChildProcess;
  output: () => string;
  /** Sends SIGTERM and resolves with the exit code and how long shutdown took. */
  terminate(): Promise<{ code: number | null; ms: number }>;
}

/** Starts the API in a separate Node process (same code, transpiled on the fly by ts-node). */
export async function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(
    process.execPath,
    ['--experimental-vm-modules', '--no-warnings', '-r', 'ts-node/register/transpile-only', 'test/support/child-server.ts'],
    {
      cwd: join(__dirname, '..', '..'),
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: '0',
        TEST_CLOCK: '1',
        JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'xecution-child-')),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child server did not start:\n${output}`)), 60_000);
    child.stdout.on('data', () => {
      const match = /READY (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`child server exited (${code}):\n${output}`)));
  });
  return {
    url,
    process: child,
    output: () => output,
    terminate() {
      const started = Date.now();
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve({ code: child.exitCode, ms: 0 });
        child.once('exit', (code) => resolve({ code, ms: Date.now() - started }));
        child.kill('SIGTERM');
      });
    },
  };
}

/** A private redis-server on a free port (for fault tests); never the shared one. */
export async function startRedis(port?: number): Promise<{ port: number; url: string; stop(): Promise<void> }> {
  const chosen = port ?? (await freePort());
  const child = spawn('redis-server', ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${chosen}`;
  const accepts = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect(chosen, '127.0.0.1');
      socket.once('connect', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  await eventually(accepts, { everyMs: 50, what: 'redis-server accepting connections' });
  return {
    port: chosen,
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
