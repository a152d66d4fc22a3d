import { useState } from 'preact/hooks';

import type { Auth } from '../auth';
import { useAction } from '../hooks';

function browserTimezone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Sign in or sign up with the GraphQL auth mutations. */
export function AuthForm({ auth }: { auth: Auth }) {
  const [mode, setMode] = useState<'signin' | 'signup'>('signin');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [timezone, setTimezone] = useState(browserTimezone);
  const { run, busy, error } = useAction();
  const submit = () =>
    run(() => (mode === 'signin' ? auth.login({ email, password }) : auth.register({ email, password, displayName, timezone })));
  return (
    <main class="auth" data-testid="auth-form">
      <h1>Xecution</h1>
      <p class="muted">Turn your goals into a game you win every day.</p>
      <div class="tabs">
        <button class={mode === 'signin' ? 'active' : ''} onClick={() => setMode('signin')} data-testid="mode-signin">
          Sign in
        </button>
        <button class={mode === 'signup' ? 'active' : ''} onClick={() => setMode('signup')} data-testid="mode-signup">
          Sign up
        </button>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          Email
          <input type="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} data-testid="email" />
        </label>
        <label>
          Password
          <input
            type="password"
            autocomplete={mode === 'signin' ? 'current-password' : 'new-password'}
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            data-testid="password"
          />
        </label>
        {mode === 'signup' && (
          <div>
            <label>
              Display name
              <input required value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} data-testid="display-name" />
            </label>
            <label>
              Timezone
              <input required value={timezone} onInput={(e) => setTimezone(e.currentTarget.value)} data-testid="timezone" />
            </label>
          </div>
        )}
        <button type="submit" disabled={busy} data-testid="auth-submit">
          {mode === 'signin' ? 'Sign in' : 'Create account'}
        </button>
        {error && (
          <p class="error" role="alert" data-testid="auth-error">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
