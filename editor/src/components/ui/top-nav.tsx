// The header of the list screens: brand, Flows, Prompts, Datasets and Fine-tunes, sign out.
import type { ReactNode } from 'react';
import { clearToken } from '../../api/token';
import { navigate } from '../../router';
import { ThemeToggle } from './theme-toggle';

export const Brand = () => (
  <a className="brand" href="/" onClick={(e) => (e.preventDefault(), navigate('/'))}>
    <span className="brand-mark" aria-hidden>
      ≋
    </span>
    Weir
  </a>
);

export function NavLink({ to, active, children }: { to: string; active: boolean; children: ReactNode }) {
  return (
    <a className={active ? 'nav-link on' : 'nav-link'} href={to} onClick={(e) => (e.preventDefault(), navigate(to))}>
      {children}
    </a>
  );
}

export function TopNav({ active, onSignOut }: { active: 'flows' | 'prompts' | 'datasets' | 'finetunes'; onSignOut: () => void }) {
  return (
    <header className="topbar">
      <Brand />
      <nav className="nav">
        <NavLink to="/" active={active === 'flows'}>
          Flows
        </NavLink>
        <NavLink to="/prompts" active={active === 'prompts'}>
          Prompts
        </NavLink>
        <NavLink to="/datasets" active={active === 'datasets'}>
          Datasets
        </NavLink>
        <NavLink to="/finetunes" active={active === 'finetunes'}>
          Fine-tunes
        </NavLink>
      </nav>
      <div className="grow" />
      <ThemeToggle />
      <button
        className="btn btn-ghost btn-small"
        onClick={() => {
          clearToken();
          onSignOut();
        }}
      >
        Sign out
      </button>
    </header>
  );
}
