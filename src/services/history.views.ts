import type { LocalDate } from '../lib/local-day';

/** One page of a Relay cursor connection. */
export interface ConnectionView<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export interface CheckInView {
  id: string;
  date: LocalDate;
  mood: number | null;
  note: string | null;
  createdAt: Date;
}

export interface XpLedgerEntryView {
  id: string;
  amount: number;
  source: string;
  reference: string;
  rule: string;
  inputs: Record<string, unknown>;
  createdAt: Date;
}

export interface GameEventLogView {
  cursor: string;
  type: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
}
