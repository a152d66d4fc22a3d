import { Writable } from 'node:stream';

import { createLogger, type Logger } from '../../src/lib/logger';

/** A logger whose JSON lines are kept in memory (to assert what is and is not logged). */
export function capturingLogger(level = 'info'): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { log: createLogger(level, sink), lines };
}
