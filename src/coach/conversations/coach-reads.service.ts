import { forbidden } from '../../errors/domain-errors';
import type { Scope } from '../../lib/scope';
import type { AccessService } from '../../services/access.service';
import type { LiveReplies } from '../stream/live-replies';
import type { CoachConversationView, CoachMessageView } from './coach.views';
import type { ConversationStore } from './conversation.store';
import { mayReadConversation } from './conversation-access';

/** Reads the coach's conversations and messages, streaming replies as they stand in their live state. */
export class CoachReadService {
  constructor(
    private readonly store: ConversationStore,
    private readonly live: LiveReplies,
    private readonly access: AccessService,
  ) {}

  /** A conversation with its messages (oldest first): for its owner, or read-only for an active mentor of the owner. */
  async conversation(scope: Scope, conversationId: string): Promise<CoachConversationView> {
    const viewerId = scope.session.requireUserId();
    const conversation = await this.store.findConversation(conversationId);
    if (!conversation || !(await mayReadConversation(this.access, viewerId, conversation))) throw forbidden();
    const messages = await this.store.messagesOf(conversationId);
    return { ...conversation, messages: await Promise.all(messages.map((m) => this.live.overlay(m))) };
  }

  /** One message, for whoever may read its conversation. */
  async message(scope: Scope, messageId: string): Promise<CoachMessageView> {
    const viewerId = scope.session.requireUserId();
    const found = await this.store.findMessage(messageId, { withSubject: true });
    if (!found || !(await mayReadConversation(this.access, viewerId, found))) throw forbidden();
    return this.live.overlay(found);
  }
}
