/** How a reply ended. */
export interface StreamOutcome {
  status: 'COMPLETE' | 'FAILED' | 'CANCELLED';
  error: string | null;
  finishedAt: Date;
}

/** A reply's live state: the text so far, the seq of its last chunk, and its outcome once ended. */
export interface StreamSnapshot {
  seq: number;
  content: string;
  ended: StreamOutcome | null;
}

/** `seq` of the appended chunk; ENDED once someone ended the reply; MISSING when the state is gone (or was never opened). */
export type AppendResult = number | 'ENDED' | 'MISSING';

export interface EndResult {
  /** True when this call ended the reply; false when someone else had (the snapshot is theirs). */
  endedHere: boolean;
  snapshot: StreamSnapshot & { ended: StreamOutcome };
}

/**
 * The live state of streaming coach replies, shared by every instance that may serve a subscriber or a
 * cancel. The relay writes each chunk here before publishing it; PostgreSQL gets a checkpoint now and
 * then and the final text at the end. Every operation is atomic: once a reply is ended, appends are
 * refused, so exactly one party (the relay, or a cancel handled elsewhere) writes its final chunk.
 */
export interface StreamStateStore {
  /** Starts the state of a new reply (seq −1, no text); does nothing when it exists already (a cancel came first). */
  open(messageId: string): Promise<void>;
  /** Appends a chunk's text and returns its seq. */
  append(messageId: string, delta: string): Promise<AppendResult>;
  /**
   * Ends the reply with a last delta (its chunk takes the next seq). When no state exists, it is started
   * from `fallback` (the stored row): the relay that should have written it is gone.
   */
  end(messageId: string, delta: string, outcome: StreamOutcome, fallback: { seq: number; content: string }): Promise<EndResult>;
  /** The live state, or null when there is none (never opened, or expired: the stored row has it all). */
  read(messageId: string): Promise<StreamSnapshot | null>;
  close(): Promise<void>;
}

/** A state outlives any stream (COACH_TIMEOUT_MS is at most 10 minutes); its ended form serves late readers a while. */
export const OPEN_TTL_MS = 3_600_000;
export const ENDED_TTL_MS = 300_000;

interface Entry {
  seq: number;
  content: string;
  ended: StreamOutcome | null;
  expiry: NodeJS.Timeout;
}

/** The store in process memory, for a single instance (without REDIS_URL the bus spans one process too). */
export class MemoryStreamState implements StreamStateStore {
  private readonly entries = new Map<string, Entry>();

  open(messageId: string): Promise<void> {
    if (!this.entries.has(messageId))
      this.entries.set(messageId, { seq: -1, content: '', ended: null, expiry: this.expire(messageId, OPEN_TTL_MS) });
    return Promise.resolve();
  }

  append(messageId: string, delta: string): Promise<AppendResult> {
    const entry = this.entries.get(messageId);
    if (!entry) return Promise.resolve('MISSING');
    if (entry.ended) return Promise.resolve('ENDED');
    entry.content += delta;
    entry.seq += 1;
    return Promise.resolve(entry.seq);
  }

  end(messageId: string, delta: string, outcome: StreamOutcome, fallback: { seq: number; content: string }): Promise<EndResult> {
    const found = this.entries.get(messageId);
    if (found?.ended) return Promise.resolve({ endedHere: false, snapshot: snapshotOf(found, found.ended) });
    const entry = found ?? { ...fallback, ended: null, expiry: this.expire(messageId, OPEN_TTL_MS) };
    clearTimeout(entry.expiry);
    entry.content += delta;
    entry.seq += 1;
    entry.ended = outcome;
    entry.expiry = this.expire(messageId, ENDED_TTL_MS);
    this.entries.set(messageId, entry);
    return Promise.resolve({ endedHere: true, snapshot: snapshotOf(entry, outcome) });
  }

  read(messageId: string): Promise<StreamSnapshot | null> {
    const entry = this.entries.get(messageId);
    return Promise.resolve(entry ? { seq: entry.seq, content: entry.content, ended: entry.ended } : null);
  }

  close(): Promise<void> {
    for (const entry of this.entries.values()) clearTimeout(entry.expiry);
    this.entries.clear();
    return Promise.resolve();
  }

  private expire(messageId: string, ms: number): NodeJS.Timeout {
    return setTimeout(() => this.entries.delete(messageId), ms).unref();
  }
}

function snapshotOf(entry: Entry, ended: StreamOutcome): EndResult['snapshot'] {
  return { seq: entry.seq, content: entry.content, ended };
}
