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
    // The whole sign-in link works too: http://127.0.0.1:8787/#token=...
    const fromLink = /[#&]token=([^&\s]+)/.exec(token);
    setToken(fromLink ? decodeURIComponent(fromLink[1]) : token);
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
          Sign in with the admin token, or paste the sign-in link that <code>npm start</code> prints (here or in the address bar).
        </p>
        <input
          className="input"
          type="password"
          aria-label="Admin token or sign-in link"
          placeholder="ADMIN_TOKEN or the sign-in link"
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
