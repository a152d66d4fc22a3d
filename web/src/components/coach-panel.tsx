import { useEffect, useRef, useState } from 'preact/hooks';

import { ApiError, has } from '../api';
import { useAction } from '../hooks';
import { ASK_COACH, CANCEL_COACH, CANCEL_COACH_SCALAR, COACH_CONVERSATION, COACH_STREAM } from '../operations';
import type { CoachChunk, CoachMessage } from '../types';
import type { Env } from './env';

/** The coach chat: the reply streams in token by token from coachStream; cancel; history. */
export function CoachPanel({ env }: { env: Env }) {
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [messages, setMessages] = useState<CoachMessage[]>([]);
  const [streamingId, setStreamingId] = useState<string | null>(null);
  const [followedId, setFollowedId] = useState<string | null>(null);
  const [chunks, setChunks] = useState(0);
  const [draft, setDraft] = useState('');
  const { run, busy, error } = useAction();
  const stopStream = useRef<(() => void) | null>(null);

  useEffect(() => () => stopStream.current?.(), []);

  if (!has(env.caps, 'mutation', 'askCoach')) {
    return (
      <section class="panel coach" data-testid="coach-panel" data-available="false">
        <h2>Coach</h2>
        <p class="muted">The coach is not available on this server yet.</p>
      </section>
    );
  }

  const patch = (id: string, change: (m: CoachMessage) => CoachMessage) => setMessages((all) => all.map((m) => (m.id === id ? change(m) : m)));

  const loadHistory = async (id: string) => {
    const { coachConversation } = await env.auth.request<{ coachConversation: { messages: CoachMessage[] } }>(COACH_CONVERSATION, { id });
    setMessages(coachConversation.messages);
  };

  const follow = (message: CoachMessage) => {
    stopStream.current?.();
    setStreamingId(message.id);
    setFollowedId(message.id);
    setChunks(0);
    const finish = () => {
      setStreamingId(null);
      stopStream.current = null;
      if (message.conversationId) void loadHistory(message.conversationId).catch(() => undefined);
    };
    stopStream.current = env.live.subscribe<{ coachStream: CoachChunk }>({
      query: COACH_STREAM,
      variables: () => ({ messageId: message.id }),
      // A resubscription replays everything streamed so far: start the text over.
      resync: () => patch(message.id, (m) => ({ ...m, content: '' })),
      next: ({ coachStream: chunk }) => {
        setChunks((n) => n + 1);
        patch(message.id, (m) => ({ ...m, content: chunk.done && chunk.content != null ? chunk.content : m.content + chunk.delta }));
        if (chunk.done) {
          stopStream.current?.();
          finish();
        }
      },
      complete: finish,
      error: (e) => {
        patch(message.id, (m) => ({ ...m, status: 'FAILED', content: `${m.content}\n[${e.message}]` }));
        finish();
      },
    });
  };

  const ask = () =>
    run(async () => {
      const text = draft.trim();
      if (!text) return;
      const { askCoach } = await env.auth.request<{ askCoach: CoachMessage }>(ASK_COACH, {
        input: { message: text, ...(conversationId ? { conversationId } : {}) },
      });
      setDraft('');
      if (askCoach.conversationId) setConversationId(askCoach.conversationId);
      setMessages((all) => [...all, { id: `local-${Date.now()}`, role: 'user', content: text, status: 'COMPLETE' }, { ...askCoach, content: askCoach.content ?? '' }]);
      follow(askCoach);
    });

  const cancel = (id: string) =>
    run(async () => {
      try {
        await env.auth.request(CANCEL_COACH, { id });
      } catch (e) {
        // The contract leaves the return type open: a scalar result takes no selection.
        if (!(e instanceof ApiError && /must not have a selection/.test(e.message))) throw e;
        await env.auth.request(CANCEL_COACH_SCALAR, { id });
      }
      patch(id, (m) => ({ ...m, status: 'CANCELLED' }));
    });

  return (
    <section class="panel coach" data-testid="coach-panel" data-available="true">
      <h2>Coach</h2>
      <ol class="chat" data-testid="coach-messages">
        {messages.length === 0 && <li class="muted">Ask the coach about today's plan.</li>}
        {messages.map((m) => (
          <li key={m.id} class={`msg ${m.role.toLowerCase()}`} data-testid={m.role.toLowerCase() === 'user' ? 'coach-question' : 'coach-reply'} data-status={m.status}>
            <span class="who">
              {m.role.toLowerCase() === 'user' ? 'You' : `Coach${m.provider ? ` (${m.provider})` : ''}`}
              {m.status !== 'COMPLETE' && <em> · {m.status.toLowerCase()}</em>}
            </span>
            <span class="text" data-chunks={m.id === followedId ? chunks : undefined}>
              {m.content}
              {m.id === streamingId && <span class="caret">▍</span>}
            </span>
          </li>
        ))}
      </ol>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void ask();
        }}
      >
        <input placeholder="Ask your coach" value={draft} onInput={(e) => setDraft(e.currentTarget.value)} data-testid="coach-input" />
        <button type="submit" disabled={busy || streamingId !== null} data-testid="coach-send">
          Send
        </button>
        {streamingId && (
          <button type="button" class="secondary" onClick={() => void cancel(streamingId)} data-testid="coach-cancel">
            Cancel
          </button>
        )}
        {conversationId && (
          <button type="button" class="secondary" onClick={() => void run(() => loadHistory(conversationId))} data-testid="coach-history">
            History
          </button>
        )}
      </form>
      {error && (
        <p class="error" role="alert" data-testid="action-error">
          {error}
        </p>
      )}
    </section>
  );
}
