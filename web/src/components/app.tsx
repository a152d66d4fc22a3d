import { useEffect, useMemo, useState } from 'preact/hooks';

import { type Capabilities,loadCapabilities } from '../api';
import { Auth } from '../auth';
import { Live, type LiveStatus } from '../live';
import { AuthForm } from './auth-form';
import { CoachPanel } from './coach-panel';
import type { Env } from './env';
import { MentorView } from './mentor-view';
import { PlayerScreen } from './player-screen';

const auth = new Auth();

const STATUS_LABEL: Record<LiveStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  unavailable: 'Live updates unavailable',
};

function ConnectionIndicator({ status }: { status: LiveStatus }) {
  return (
    <span class={`connection conn-${status}`} data-testid="connection" data-status={status} title="Live connection (graphql-ws)">
      <span class="dot" /> {STATUS_LABEL[status]}
    </span>
  );
}

/** Signs in, then shows the player's screen or the mentor view over one live connection. */
export function App() {
  const [caps, setCaps] = useState<Capabilities | null>(null);
  const [user, setUser] = useState(auth.user);
  const [live, setLive] = useState<Live | null>(null);
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [tab, setTab] = useState<'player' | 'mentor'>('player');
  const [mentorOpened, setMentorOpened] = useState(false);

  useEffect(() => void loadCapabilities().then(setCaps), []);
  useEffect(() => auth.onChange(() => setUser(auth.user)), []);

  const userId = user?.id ?? null;
  useEffect(() => {
    if (!userId || !caps) return undefined;
    const connection = new Live(auth);
    const stop = connection.onStatus(setStatus);
    if (caps.known && caps.subscription.size === 0) connection.markUnavailable();
    else connection.start();
    setStatus(connection.status);
    setLive(connection);
    return () => {
      stop();
      connection.stop();
      setLive(null);
    };
  }, [userId, caps]);

  const env = useMemo<Env | null>(() => (live && caps ? { auth, live, caps } : null), [live, caps]);

  if (!user) return <AuthForm auth={auth} />;
  if (!env) return <p class="muted">Connecting…</p>;
  const me = { id: user.id, displayName: user.displayName, timezone: user.timezone };
  return (
    <div class="app">
      <header>
        <strong class="brand">Xecution</strong>
        <nav class="tabs">
          <button class={tab === 'player' ? 'active' : ''} onClick={() => setTab('player')} data-testid="tab-player">
            My game
          </button>
          <button class={tab === 'mentor' ? 'active' : ''} onClick={() => {
              setTab('mentor');
              setMentorOpened(true);
            }} data-testid="tab-mentor">
            Mentor
          </button>
        </nav>
        <ConnectionIndicator status={status} />
        <span class="who" data-testid="signed-in-as">
          {user.displayName}
        </span>
        <button class="secondary" onClick={() => void auth.logout()} data-testid="sign-out">
          Sign out
        </button>
      </header>
      <main>
        <div hidden={tab !== 'player'}>
          <PlayerScreen env={env} user={me} readOnly={false} aside={<CoachPanel env={env} />} />
        </div>
        {mentorOpened && (
          <div hidden={tab !== 'mentor'}>
            <MentorView env={env} />
          </div>
        )}
      </main>
    </div>
  );
}
