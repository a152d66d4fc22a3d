import { notFound } from '../errors/domain-errors';
import type { Catalog } from '../services/catalog.service';
import type { GameEventMessage } from '../subscriptions/event-types';

/**
 * An outbox message in its GraphQL shape: the payload's fields beside the cursor, with catalog codes
 * expanded into the achievement or tool they name (the catalog is in memory, so this costs no query).
 */
export function toGameEvent(message: GameEventMessage, catalog: Catalog) {
  const base = { type: message.type, cursor: message.cursor, userId: message.userId, occurredAt: new Date(message.occurredAt) };
  switch (message.type) {
    case 'ACHIEVEMENT_UNLOCKED':
    case 'ACHIEVEMENT_CLAIMED': {
      const achievement = catalog.achievement(message.payload.code);
      if (!achievement) throw notFound(`Achievement ${message.payload.code}`);
      return { ...base, achievement };
    }
    case 'TOOL_BOUGHT':
    case 'TOOL_USED': {
      const { code, ...rest } = message.payload;
      const tool = catalog.tool(code);
      if (!tool) throw notFound(`Tool ${code}`);
      return { ...base, ...rest, tool };
    }
    default:
      return { ...base, ...message.payload };
  }
}
