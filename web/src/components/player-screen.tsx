import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';

import { has } from '../api';
import { applyEvent, describeEvent } from '../game';
import { messageOf } from '../hooks';
import { GAME_EVENTS, MY_SCREEN, USER_SCREEN } from '../operations';
import { syncServerClock } from '../server-clock';
import type { GameEvent, GameState, Tool, UserSummary } from '../types';
import type { Env } from './env';
import { HistoryChart } from './history-chart';
import {
  AchievementsPanel,
  type Actions,
  CheckInPanel,
  GaugesPanel,
  IntentionPanel,
  LevelPanel,
  RecoveryPanel,
  SprintPanel,
  StreakPanel,
  ToolsPanel,
} from './panels';

const REFETCH_AFTER_EVENT_MS = 200;

/**
 * A player's screen: one gameState query, then kept live by gameEvents (resuming from the last
 * cursor after a reconnect). Read-only for a mentor watching a mentee.
 */
export function PlayerScreen({ env, user, readOnly, aside }: { env: Env; user: UserSummary; readOnly: boolean; aside?: ComponentChildren }) {
  const [state, setState] = useState<GameState | null>(null);
  const [tools, setTools] = useState<Tool[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [liveNote, setLiveNote] = useState<string | null>(null);
  const [feed, setFeed] = useState<GameEvent[]>([]);
  const [notice, setNotice] = useState<{ text: string; key: number } | null>(null);
  const cursor = useRef<string | null>(null);
  const refetchTimer = useRef<number | undefined>(undefined);

  const load = useCallback(async () => {
    try {
      void syncServerClock();
      if (readOnly) {
        const data = await env.auth.request<{ user: { gameState: GameState } }>(USER_SCREEN, { id: user.id });
        setState(data.user.gameState);
      } else {
        const data = await env.auth.request<{ gameState: GameState; tools: Tool[] }>(MY_SCREEN);
        setState(data.gameState);
        setTools(data.tools);
      }
      setLoadError(null);
    } catch (e) {
      setLoadError(messageOf(e));
    }
  }, [env, user.id, readOnly]);

  useEffect(() => {
    setState(null);
    setFeed([]);
    void load();
  }, [load]);

  useEffect(() => {
    cursor.current = null;
    if (!has(env.caps, 'subscription', 'gameEvents')) {
      setLiveNote('Live updates are not available on this server yet: refresh to see changes made elsewhere.');
      return undefined;
    }
    setLiveNote(null);
    const stop = env.live.subscribe<{ gameEvents: GameEvent }>({
      query: GAME_EVENTS,
      persistent: true,
      variables: () => ({ userId: readOnly ? user.id : null, after: cursor.current }),
      next: ({ gameEvents: event }) => {
        cursor.current = event.cursor;
        setState((s) => (s ? applyEvent(s, event) : s));
        setFeed((f) => (f.some((e) => e.cursor === event.cursor) ? f : [event, ...f].slice(0, 30)));
        if (event.__typename === 'XpEvent') setNotice({ text: `+${event.amount} XP`, key: Date.now() });
        window.clearTimeout(refetchTimer.current);
        refetchTimer.current = window.setTimeout(() => void load(), REFETCH_AFTER_EVENT_MS);
      },
      resync: () => void load(),
      error: (e) => setLiveNote(`Live updates stopped: ${messageOf(e)}`),
    });
    return () => {
      window.clearTimeout(refetchTimer.current);
      stop();
    };
  }, [env, user.id, readOnly, load]);

  const actions = useMemo<Actions | undefined>(
    () =>
      readOnly
        ? undefined
        : {
            auth: env.auth,
            show: (s) => setState(s),
            reload: load,
            notify: (text) => setNotice({ text, key: Date.now() }),
          },
    [env, readOnly, load],
  );

  if (!state) {
    return (
      <div class="screen" data-testid={readOnly ? 'mentee-screen' : 'player-screen'}>
        {loadError ? (
          <p class="error" role="alert" data-testid="load-error">
            {loadError} <button onClick={() => void load()}>Retry</button>
          </p>
        ) : (
          <p class="muted">Loading {user.displayName}'s game…</p>
        )}
      </div>
    );
  }

  return (
    <div class="screen" data-testid={readOnly ? 'mentee-screen' : 'player-screen'} data-user={user.id}>
      <div class="screen-head">
        <h1>
          {user.displayName}
          {readOnly && <span class="badge readonly">read-only</span>}
        </h1>
        {notice && (
          <span class="notice" key={notice.key} data-testid="notice">
            {notice.text}
          </span>
        )}
      </div>
      {loadError && <p class="error">{loadError}</p>}
      {liveNote && (
        <p class="warn" data-testid="live-note">
          {liveNote}
        </p>
      )}
      <div class="grid">
        <LevelPanel state={state} />
        <StreakPanel state={state} />
        <GaugesPanel state={state} />
        <CheckInPanel state={state} actions={actions} />
        <IntentionPanel intention={state.todayIntention} actions={actions} />
        <SprintPanel sprint={state.activeSprint} intentionId={state.todayIntention?.id ?? null} actions={actions} />
        <RecoveryPanel state={state} actions={actions} />
        <HistoryChart env={env} userId={user.id} timezone={user.timezone} today={state.today} version={`${state.xp}:${state.checkedInToday}`} />
        <AchievementsPanel state={state} actions={actions} />
        <ToolsPanel state={state} tools={tools} actions={actions} />
        <section class="panel feed" data-testid="event-feed" data-cursor={cursor.current ?? ''} data-count={feed.length}>
          <h2>Live events</h2>
          {feed.length === 0 ? (
            <p class="muted">Waiting for events…</p>
          ) : (
            <ol>
              {feed.map((e) => (
                <li key={e.cursor} data-testid="event" data-type={e.__typename}>
                  <time>{new Date(e.occurredAt).toLocaleTimeString()}</time> {describeEvent(e)}
                </li>
              ))}
            </ol>
          )}
        </section>
        {aside}
      </div>
    </div>
  );
}
