// The app shell: sign-in when there is no token, then the flows list, a flow, or the prompts.
import { lazy, Suspense, useEffect, useState } from 'react';
import { captureTokenFromHash, getToken } from './api/token';
import { FlowEditorPage } from './components/flows/flow-editor-page';
import { FlowList } from './components/flows/flow-list';
import { SignIn } from './components/ui/sign-in';
import { Loading } from './components/ui/states';
import { TopNav } from './components/ui/top-nav';
import { matchRoute, usePath } from './router';

// The prompt manager (and its diff library) loads when it is opened.
// The dataset table (and the dataset code it shares with the worker) too.
const DatasetsPage = lazy(() => import('./components/datasets/datasets-page').then((m) => ({ default: m.DatasetsPage })));
const PromptManager = lazy(() => import('./components/prompts/prompt-manager').then((m) => ({ default: m.PromptManager })));
const FinetunesPage = lazy(() => import('./components/finetunes/finetunes-page').then((m) => ({ default: m.FinetunesPage })));

export function App() {
  const path = usePath();
  const [token, setTokenState] = useState(getToken());
  // A sign-in link pasted into the address bar of an open tab changes only the hash: no reload.
  useEffect(() => {
    const onHash = () => (captureTokenFromHash(), setTokenState(getToken()));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  if (!token) return <SignIn onSignedIn={() => setTokenState(getToken())} />;
  const route = matchRoute(path);
  if (route.name === 'flow') return <FlowEditorPage key={route.id} id={route.id} view={route.view} />;
  return (
    <div className="app">
      <TopNav active={route.name} onSignOut={() => setTokenState(null)} />
      <main className="page">
        {route.name === 'finetunes' ? (
          <Suspense fallback={<Loading what="fine-tunes" />}>
            <FinetunesPage job={route.job} />
          </Suspense>
        ) : route.name === 'prompts' ? (
          <Suspense fallback={<Loading what="prompts" />}>
            <PromptManager selected={route.prompt} />
          </Suspense>
        ) : route.name === 'datasets' ? (
          <Suspense fallback={<Loading what="datasets" />}>
            <DatasetsPage selected={route.dataset} />
          </Suspense>
        ) : (
          <FlowList />
        )}
      </main>
    </div>
  );
}
