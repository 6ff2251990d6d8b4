// The inspector with nothing selected: the flow's name, description, visibility, its input
// declaration (what callers send) and its examples (what the run panel offers).
import type { Flow } from '../../engine';
import { useEditor } from '../../state/use-editor';
import { downloadFlow } from '../flows/flow-files';
import { ExamplesEditor } from './examples-editor';
import { InputFieldsEditor } from './input-fields-editor';

export function FlowSettings() {
  const ed = useEditor();
  const flow = ed.flow;
  const set = <K extends keyof Flow>(key: K, value: Flow[K]) => ed.update((f) => ({ ...f, [key]: value }), `flow:${String(key)}`);
  const flowProblems = ed.problems.filter((p) => !p.nodeId);
  return (
    <div className="inspector" data-testid="flow-settings">
      <div className="inspector-type">Flow settings</div>
      <div className="field-help">Select a node to edit it. These settings belong to the whole flow.</div>
      <div className="field">
        <div className="field-label">Id</div>
        <code className="code-inline">{flow.id}</code>
        <div className="field-help">
          The file name and the edge URL. To change it, use Rename in the flows list (it warns what moves).{' '}
          <button type="button" className="link-btn left" onClick={() => downloadFlow(flow)} data-testid="export-current">
            Export this flow as {flow.id}.json
          </button>
        </div>
      </div>
      <div className="field">
        <label className="field-label" htmlFor="flow-name">
          Name
        </label>
        <input id="flow-name" className="input" data-testid="flow-name" value={flow.name} onChange={(e) => set('name', e.target.value)} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor="flow-description">
          Description
        </label>
        <textarea
          id="flow-description"
          className="input"
          rows={Math.min(6, Math.max(2, Math.ceil((flow.description ?? '').length / 48)))}
          data-testid="flow-description"
          value={flow.description ?? ''}
          onChange={(e) => set('description', e.target.value)}
        />
      </div>
      <label className="field field-inline" htmlFor="flow-public">
        <input
          id="flow-public"
          type="checkbox"
          checked={flow.public === true}
          onChange={(e) => set('public', e.target.checked ? true : undefined)}
        />
        Public: callable without an invoke key
      </label>
      <InputFieldsEditor />
      <ExamplesEditor flow={flow} onChange={(examples) => set('examples', examples)} />
      {flowProblems.length > 0 && (
        <div className="field">
          <div className="field-label">Flow problems</div>
          {flowProblems.map((p, i) => (
            <div className={`problem-line sev-${p.severity}`} key={i}>
              {p.message} <code>{p.path}</code>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
