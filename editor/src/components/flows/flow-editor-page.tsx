// Opens one flow: loads it from the worker, then hands it to the workspace.
import { ApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { navigate } from '../../router';
import { Brand } from '../ui/top-nav';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/use-async';
import { Workspace } from './workspace';

export function FlowEditorPage({ id, view }: { id: string; view: string }) {
  const loaded = useAsync(() => api.getFlow(id), [id]);
  if (loaded.data) return <Workspace initial={loaded.data.flow} view={view} />;
  return (
    <div className="app">
      <header className="topbar">
        <Brand />
        <button className="btn btn-ghost btn-small" onClick={() => navigate('/')}>
          ← Flows
        </button>
      </header>
      <main className="page">
        {loaded.loading ? (
          <Loading what={`flow ${id}`} />
        ) : loaded.error instanceof ApiError && loaded.error.status === 404 ? (
          <Empty title={`There is no flow "${id}"`}>
            It may have been deleted or renamed.{' '}
            <a href="/" onClick={(e) => (e.preventDefault(), navigate('/'))}>
              Back to the flows
            </a>
          </Empty>
        ) : (
          <ErrorState error={loaded.error ?? 'not found'} retry={loaded.reload} />
        )}
      </main>
    </div>
  );
}
