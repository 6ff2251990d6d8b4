// The inspector for one node: its id (renaming rewires edges), its type, and the form rendered
// from the type's declared data schema, with the validator's problems next to the fields.
import { useEffect, useState } from 'react';
import { nodeIdSchema, nodeRegistry, type FlowNode } from '../../engine';
import { removeElements, renameNode, setNodeData } from '../../state/flow-edit';
import { useEditor } from '../../state/use-editor';
import { dataSchemaOf } from '../fields/json-schema';
import { problemsAt, SchemaForm } from '../fields/schema-form';
import { typeColorStyle } from '../canvas/node-summary';
import { NodeConnections } from './node-connections';
import { FinetunedNodePanel } from '../finetunes/finetuned-node-panel';

export function NodeInspector({ node }: { node: FlowNode }) {
  const ed = useEditor();
  const def = nodeRegistry.get(node.type);
  const index = ed.flow.nodes.indexOf(node);
  const path = `$.nodes[${index}]`;
  const problems = ed.problems.filter((p) => p.nodeId === node.id || p.path.startsWith(`${path}.`));
  const dataProblems = problemsAt(problems, `${path}.data`);
  const other = problems.filter((p) => !dataProblems.includes(p));
  return (
    <div className="inspector" data-testid="node-inspector">
      <div className="inspector-head">
        <span className={`type-dot type-${node.type}`} style={typeColorStyle(node.type)} />
        <div>
          <div className="inspector-type">{def?.label ?? `Unknown type "${node.type}"`}</div>
          <div className="field-help">{def?.description}</div>
        </div>
      </div>
      <NodeIdField node={node} />
      {other.map((p, i) => (
        <div className={`problem-line sev-${p.severity}`} key={i}>
          {p.message}
        </div>
      ))}
      {def ? (
        <SchemaForm
          schema={dataSchemaOf(def)}
          value={node.data}
          onChange={(data, key) => ed.update((f) => setNodeData(f, node.id, data), `data:${node.id}:${key}`)}
          problems={dataProblems}
          path={`${path}.data`}
          testId="field"
        />
      ) : (
        <pre className="code-block">{JSON.stringify(node.data, null, 2)}</pre>
      )}
      <NodeConnections node={node} />
      {node.type === 'finetuned' && <FinetunedNodePanel node={node} />}
      <div className="inspector-actions">
        <button className="btn btn-danger btn-small" onClick={() => ed.update((f) => removeElements(f, [node.id]))}>
          Delete node
        </button>
      </div>
    </div>
  );
}

function NodeIdField({ node }: { node: FlowNode }) {
  const ed = useEditor();
  const [text, setText] = useState(node.id);
  useEffect(() => setText(node.id), [node.id]);
  const parsed = nodeIdSchema.safeParse(text);
  const taken = text !== node.id && ed.flow.nodes.some((n) => n.id === text);
  const error = !parsed.success ? parsed.error.issues[0]?.message : taken ? `"${text}" is taken` : undefined;
  const apply = () => {
    if (error || text === node.id) return setText(node.id);
    ed.update((f) => renameNode(f, node.id, text));
    ed.select([text]);
  };
  return (
    <div className="field">
      <label className="field-label" htmlFor="node-id">
        Id
      </label>
      <input
        id="node-id"
        className="input code"
        data-testid="node-id"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => e.key === 'Enter' && apply()}
      />
      <div className="field-help">Templates and expressions read this node as nodes.{node.id}.output</div>
      {error && <div className="field-error">{error}</div>}
    </div>
  );
}
