// The app shell: sign-in when there is no token, then the flows list, a flow, or the prompts.
import { useState } from 'react';
import { getToken } from './api/token';
import { FlowEditorPage } from './components/flows/flow-editor-page';
import { FlowList } from './components/flows/flow-list';
import { PromptManager } from './components/prompts/prompt-manager';
import { SignIn } from './components/ui/sign-in';
import { TopNav } from './components/ui/top-nav';
import { matchRoute, usePath } from './router';

export function App() {
  const path = usePath();
  const [token, setTokenState] = useState(getToken());
  if (!token) return <SignIn onSignedIn={() => setTokenState(getToken())} />;
  const route = matchRoute(path);
  if (route.name === 'flow') return <FlowEditorPage key={route.id} id={route.id} />;
  return (
    <div className="app">
      <TopNav active={route.name} onSignOut={() => setTokenState(null)} />
      <main className="page">{route.name === 'prompts' ? <PromptManager selected={route.prompt} /> : <FlowList />}</main>
    </div>
  );
}
