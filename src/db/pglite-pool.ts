import type { PGliteOptions } from '@electric-sql/pglite';
import { Mutex } from 'async-mutex';
import { PGliteDriver } from 'typeorm-pglite';

type Done = (err?: unknown) => void;
type ConnectCallback = (err: unknown, client: unknown, done: Done) => void;
interface PoolClass {
  new (): { connect(callback: ConnectCallback): Promise<void> };
}

/**
 * A TypeORM driver for embedded PGlite that behaves like a pool of one connection.
 *
 * PGlite is a single session shared by the whole process: two transactions running at once would
 * interleave inside it. Every checkout (a transaction, or a single statement) holds a mutex until
 * TypeORM releases it, so work is serialised exactly as on a real pool of size one.
 */
export function serialPGliteDriver(options: PGliteOptions): { Pool: PoolClass } {
  const Base = (new PGliteDriver(options).driver as unknown as { Pool: PoolClass }).Pool;
  const mutex = new Mutex();

  class SerialPool extends Base {
    override async connect(callback: ConnectCallback): Promise<void> {
      const unlock = await mutex.acquire();
      let released = false;
      const release: Done = () => {
        if (!released) {
          released = true;
          unlock();
        }
      };
      await super.connect((err, client, done) => {
        if (err) release();
        callback(err, client, (e?: unknown) => {
          done(e);
          release();
        });
      });
    }
  }
  return { Pool: SerialPool };
}
