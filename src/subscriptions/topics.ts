import type { GameEventMessage } from './event-types';

/** A coach reply chunk as it travels between instances (JSON-safe). */
export interface CoachChunkMessage {
  messageId: string;
  /** Position of this chunk in the stream, from 0: lets a late subscriber join without gap or repeat. */
  seq: number;
  delta: string;
  done: boolean;
  /** The whole text, on the last chunk. */
  content?: string;
  status?: 'STREAMING' | 'COMPLETE' | 'FAILED' | 'CANCELLED';
  /** Why the stream failed, on a last chunk with status FAILED. */
  error?: string;
}

/** Every topic, its id part, and its payload: a wrong payload does not compile. */
export interface TopicPayloads {
  gameEvents: GameEventMessage;
  coachStream: CoachChunkMessage;
}

export type TopicName = keyof TopicPayloads;

/** Topics carry the resource id, so no subscriber filters other users' traffic. */
export const topics = {
  gameEvents: (userId: string) => `game-events:${userId}`,
  coachStream: (messageId: string) => `coach-stream:${messageId}`,
} as const satisfies Record<TopicName, (id: string) => string>;
