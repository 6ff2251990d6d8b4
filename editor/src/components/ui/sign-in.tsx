// Asks for the admin token once; it stays in this browser (localStorage), never in the repo.
import { useState } from 'react';
import { request } from '../../api/client';
import { clearToken, setToken } from '../../api/token';

export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [token, setText] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    setToken(token);
    try {
      await request('/v1/flows');
      onSignedIn();
    } catch (err) {
      clearToken();
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="signin">
      <form className="signin-card" onSubmit={(e) => (e.preventDefault(), void submit())}>
        <div className="brand brand-large">
          <span className="brand-mark">≋</span> Weir
        </div>
        <p>
          Sign in with the admin token. Locally, open the link that <code>npm start</code> prints; it signs you in.
        </p>
        <input
          className="input"
          type="password"
          placeholder="ADMIN_TOKEN"
          autoFocus
          value={token}
          onChange={(e) => setText(e.target.value)}
          data-testid="token-input"
        />
        {error && <div className="field-error">{error}</div>}
        <button className="btn btn-primary" disabled={!token || busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        <p className="field-help">The token is kept in this browser only.</p>
      </form>
    </div>
  );
}
