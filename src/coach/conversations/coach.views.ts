export type CoachStatus = 'STREAMING' | 'COMPLETE' | 'FAILED' | 'CANCELLED';
export type ConversationKind = 'CHAT' | 'ONBOARDING' | 'ROADMAP' | 'MENTOR';

export interface CoachMessageView {
  id: string;
  conversationId: string;
  userId: string;
  role: 'user' | 'assistant';
  content: string;
  status: CoachStatus;
  provider: string;
  seq: number;
  tokensIn: number;
  tokensOut: number;
  tokensEstimated: boolean;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** A message with the mentee its conversation discusses (a mentor's copilot), for the access rule. */
export type CoachMessageWithSubject = CoachMessageView & { subjectUserId?: string | null };

export interface CoachConversationView {
  id: string;
  userId: string;
  kind: ConversationKind;
  subjectUserId: string | null;
  roadmapId: string | null;
  createdAt: Date;
  messages: CoachMessageView[];
}

/** How a reply ended, as stored: the one end-of-stream write (token counts left alone when not given). */
export interface StoredEnd {
  status: Exclude<CoachStatus, 'STREAMING'>;
  content: string;
  seq: number;
  error: string | null;
  finishedAt: Date;
  tokensOut: number;
  tokensIn?: number;
  tokensEstimated?: boolean;
}
