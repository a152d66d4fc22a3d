import { randomUUID } from 'node:crypto';

import { anonymousScope } from '../../src/lib/scope';
import { type Player, TestClient } from './client';
import type { TestServer } from './server';

/** Registers through the service, so tight request limits under test do not refuse the setup itself. */
export async function directPlayer(server: TestServer, timezone = 'UTC'): Promise<Player> {
  const email = `hardening-${randomUUID()}@example.test`;
  const password = 'correct horse battery';
  const credentials = await server.app.services.auth.register(anonymousScope(server.app.clock, server.app.log), {
    email,
    password,
    displayName: 'Hardening',
    timezone,
  });
  const client = new TestClient(server.graphqlUrl, credentials.accessToken);
  return { client, id: credentials.userId, email, password, refreshToken: credentials.refreshToken };
}
