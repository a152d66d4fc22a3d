import type { AccessService } from '../../services/access.service';

/**
 * A conversation (or a message of it) is data about its owner and, for a mentor's copilot, about the
 * mentee it discusses: the viewer must be allowed to read every one of them (the one access rule).
 */
export async function mayReadConversation(
  access: AccessService,
  viewerId: string,
  about: { userId: string; subjectUserId?: string | null },
): Promise<boolean> {
  const people = about.subjectUserId ? [about.userId, about.subjectUserId] : [about.userId];
  return (await access.readableAmong(viewerId, people)).every(Boolean);
}
