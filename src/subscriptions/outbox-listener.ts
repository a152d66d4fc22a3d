import { Client } from 'pg';

import type { Logger } from '../lib/logger';

const CHANNEL = 'xecution_outbox';
const RETRY_MS = 1_000;

/**
 * Listens for `NOTIFY xecution_outbox` (sent by a trigger when game events commit on any instance)
 * and calls `onNotify`. Reconnects after errors; the relay's poll covers the gap meanwhile.
 */
export class OutboxListener {
  private client: Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly onNotify: () => void,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'xecution-outbox-listener' });
    const reconnect = () => {
      if (this.stopped || this.client !== client) return;
      this.client = null;
      void client.end().catch(() => undefined);
      this.retry = setTimeout(() => void this.connect(), RETRY_MS);
      this.retry.unref();
    };
    client.on('error', (err) => {
      this.log.warn({ err: err.message }, 'outbox listener lost its connection');
      reconnect();
    });
    client.on('end', reconnect);
    client.on('notification', () => this.onNotify());
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.onNotify();
    } catch (err) {
      this.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'outbox listener could not connect');
      reconnect();
    }
  }
}
