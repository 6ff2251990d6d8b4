// The prompt manager: every prompt in KV on the left, the chosen one's versions on the right.
import { useState } from 'react';
import { api } from '../../api/endpoints';
import { navigate } from '../../router';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/use-async';
import { PromptDetailView } from './prompt-detail';

export function PromptManager({ selected }: { selected?: string }) {
  const prompts = useAsync(() => api.listPrompts(), []);
  const [newName, setNewName] = useState('');
  const current = selected ?? prompts.data?.[0]?.name;
  return (
    <section className="prompts-page">
      <aside className="prompt-list" aria-label="Prompts">
        <h2 className="panel-title">Prompts</h2>
        {prompts.loading && !prompts.data && <Loading what="prompts" />}
        {prompts.error && <ErrorState error={prompts.error} retry={prompts.reload} />}
        {prompts.data?.length === 0 && <Empty title="No prompts yet">Create one below.</Empty>}
        <ul>
          {prompts.data?.map((p) => (
            <li key={p.name}>
              <button
                className={p.name === current ? 'prompt-item on' : 'prompt-item'}
                data-testid={`prompt-${p.name}`}
                onClick={() => navigate(`/prompts/${p.name}`)}
              >
                <span className="prompt-item-name">{p.name}</span>
                <span className="prompt-item-meta">
                  v{p.latest}
                  {Object.entries(p.labels).map(([l, v]) => (
                    <span key={l} className={`label-pill label-${l}`}>
                      {l}→{v}
                    </span>
                  ))}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <form className="row" onSubmit={(e) => (e.preventDefault(), navigate(`/prompts/${newName}`), setNewName(''))}>
          <input
            className="input"
            placeholder="new-prompt-name"
            value={newName}
            onChange={(e) => setNewName(e.target.value.toLowerCase().replace(/[^a-z0-9_-]/g, '-'))}
          />
          <button className="btn btn-small" disabled={!/^[a-z0-9][a-z0-9_-]*$/.test(newName)}>
            New
          </button>
        </form>
      </aside>
      <div className="prompt-main">
        {current ? (
          <PromptDetailView
            key={current}
            name={current}
            onChanged={prompts.reload}
            known={!!prompts.data?.some((p) => p.name === current)}
          />
        ) : (
          !prompts.loading && <Empty title="Choose a prompt">Or create one on the left.</Empty>
        )}
      </div>
    </section>
  );
}
