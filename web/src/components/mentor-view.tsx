import { useCallback, useEffect, useState } from 'preact/hooks';

import { has } from '../api';
import { byRisk, percent } from '../game';
import { messageOf, useAction } from '../hooks';
import { ACCEPT_INVITE, CREATE_INVITE, MENTEES } from '../operations';
import type { Mentee, UserSummary } from '../types';
import type { Env } from './env';
import { PlayerScreen } from './player-screen';

const REFRESH_MS = 30_000;

/** Mentees sorted by risk with adherence; open one to watch their screen live, read-only. */
export function MentorView({ env }: { env: Env }) {
  const [mentees, setMentees] = useState<Mentee[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [open, setOpen] = useState<UserSummary | null>(null);
  const available = has(env.caps, 'query', 'mentees');

  const load = useCallback(async () => {
    try {
      const data = await env.auth.request<{ mentees: Mentee[] }>(MENTEES);
      setMentees([...data.mentees].sort(byRisk));
      setLoadError(null);
    } catch (e) {
      setLoadError(messageOf(e));
    }
  }, [env]);

  useEffect(() => {
    if (!available) return undefined;
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    const stop = env.live.onStatus((status) => {
      if (status === 'live') void load();
    });
    return () => {
      window.clearInterval(timer);
      stop();
    };
  }, [available, load, env]);

  if (!available) {
    return (
      <div class="screen" data-testid="mentor-view" data-available="false">
        <section class="panel">
          <h2>Mentees</h2>
          <p class="muted">The mentor view is not available on this server yet.</p>
        </section>
      </div>
    );
  }

  return (
    <div class="screen" data-testid="mentor-view" data-available="true">
      <div class="grid mentor-grid">
        <section class="panel mentees" data-testid="mentees-panel">
          <h2>Mentees</h2>
          {loadError && (
            <p class="error" role="alert">
              {loadError}
            </p>
          )}
          {mentees === null ? (
            <p class="muted">Loading…</p>
          ) : mentees.length === 0 ? (
            <p class="muted">Nobody yet. Ask a mentee for an invite code and accept it below.</p>
          ) : (
            <table data-testid="mentees">
              <thead>
                <tr>
                  <th>Mentee</th>
                  <th>Risk</th>
                  <th>7 days</th>
                  <th>30 days</th>
                  <th>Streak</th>
                  <th>Level</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {mentees.map((m) => (
                  <tr data-testid="mentee-row" data-user={m.user.id} class={open?.id === m.user.id ? 'selected' : ''}>
                    <td>{m.user.displayName}</td>
                    <td>
                      <span class={`badge risk-${m.risk.toLowerCase()}`} data-testid="mentee-risk">
                        {m.risk}
                      </span>
                    </td>
                    <td data-testid="adherence7">{percent(m.adherence7)}</td>
                    <td data-testid="adherence30">{percent(m.adherence30)}</td>
                    <td>
                      {m.gameState.streak.current} <span class="muted">({m.gameState.streak.status.replace('_', ' ').toLowerCase()})</span>
                    </td>
                    <td>{m.gameState.level}</td>
                    <td>
                      <button onClick={() => setOpen(m.user)} data-testid="open-mentee">
                        Open
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <InvitePanel env={env} onAccepted={() => void load()} />
      </div>
      {open && <PlayerScreen key={open.id} env={env} user={open} readOnly={true} />}
    </div>
  );
}

function InvitePanel({ env, onAccepted }: { env: Env; onAccepted: () => void }) {
  const [invite, setInvite] = useState<{ code: string; expiresAt: string } | null>(null);
  const [code, setCode] = useState('');
  const create = useAction();
  const accept = useAction();
  return (
    <section class="panel invites" data-testid="invite-panel">
      <h2>Mentor links</h2>
      {has(env.caps, 'mutation', 'createMentorInvite') && (
        <div>
          <p class="muted">Want a mentor? Create a code and hand it to them.</p>
          <button
            onClick={() =>
              void create.run(async () => {
                setInvite((await env.auth.request<{ createMentorInvite: { code: string; expiresAt: string } }>(CREATE_INVITE)).createMentorInvite);
              })
            }
            disabled={create.busy}
            data-testid="create-invite"
          >
            Create invite code
          </button>
          {invite && (
            <p>
              Code: <code data-testid="invite-code">{invite.code}</code> <span class="muted">(until {new Date(invite.expiresAt).toLocaleDateString()})</span>
            </p>
          )}
          {create.error && <p class="error">{create.error}</p>}
        </div>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void accept.run(async () => {
            await env.auth.request(ACCEPT_INVITE, { code: code.trim() });
            setCode('');
            onAccepted();
          });
        }}
      >
        <input placeholder="Invite code from a mentee" value={code} onInput={(e) => setCode(e.currentTarget.value)} data-testid="accept-code" />
        <button type="submit" disabled={accept.busy} data-testid="accept-invite">
          Become their mentor
        </button>
        {accept.error && (
          <p class="error" role="alert" data-testid="action-error">
            {accept.error}
          </p>
        )}
      </form>
    </section>
  );
}
