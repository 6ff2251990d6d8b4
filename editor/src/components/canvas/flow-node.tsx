// The one canvas node component: drawn from the node type's declaration (label, handles), with
// its problems and its run status on it. Handle ids are the edges' sourceHandle values.
// It re-renders only when its flow node, its selection or its own decoration changes: moving,
// measuring or decorating other nodes does not touch it.
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { createContext, memo, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import { nodeRegistry, type TraceEntry } from '../../engine';
import { handlesOf } from '../../state/node-handles';
import { createDecorationStore, type DecorationStore } from '../../state/node-decorations';
import type { WeirNode } from '../../state/to-react-flow';
import { HandleRate, NodeEvalStats } from '../evals/node-overlay';
import { useNodeOverlay } from '../evals/overlay-store';
import { nodeSummary, typeColorStyle } from './node-summary';

export const DecorationContext = createContext<DecorationStore>(createDecorationStore());

function useDecoration(id: string) {
  const store = useContext(DecorationContext);
  return useSyncExternalStore(store.subscribe, () => store.get(id));
}

const STATUS_TEXT = { running: 'running', ok: 'ok', skipped: 'skipped', failed: 'failed', fell_back: 'fell back' } as const;

function FlowNodeView({ data, selected }: NodeProps<WeirNode>) {
  const { node } = data;
  const { problems, errors: errorCount, status, trace } = useDecoration(node.id);
  const overlay = useNodeOverlay(node.id);
  const def = nodeRegistry.get(node.type);
  const handles = handlesOf(node.type, node.data);
  // Handles come and go with the data (condition cases): React Flow must re-measure them.
  const updateNodeInternals = useUpdateNodeInternals();
  const handleKey = handles.map((h) => h.id).join('|');
  const measuredKey = useRef(handleKey);
  useEffect(() => {
    // Only when they change: React Flow measures new nodes itself, and 500 calls on load are slow.
    if (measuredKey.current === handleKey) return;
    measuredKey.current = handleKey;
    updateNodeInternals(node.id);
  }, [handleKey, node.id, updateNodeInternals]);
  const cls = [
    'weir-node',
    `type-${node.type}`,
    selected && 'is-selected',
    errorCount && 'has-errors',
    problems.length && !errorCount && 'has-warnings',
    status && `run-${status}`,
  ];
  const single = handles.length === 1 && handles[0].id === 'out';
  return (
    <div
      className={cls.filter(Boolean).join(' ')}
      style={typeColorStyle(node.type)}
      data-testid={`node-${node.id}`}
      title={problems.map((p) => p.message).join('\n') || undefined}
    >
      {def?.acceptsInput !== false && <Handle type="target" position={Position.Left} className="handle-in" />}
      <div className="weir-node-head">
        <span className="weir-node-type">{def?.label ?? node.type}</span>
        {status && <span className={`run-badge run-${status}`}>{STATUS_TEXT[status]}</span>}
        {problems.length > 0 && <span className={errorCount ? 'problem-badge' : 'problem-badge warn'}>{problems.length}</span>}
      </div>
      <div className="weir-node-id">{node.id}</div>
      {nodeSummary(node).map((line, i) => (
        <div className="weir-node-line" key={i}>
          {line}
        </div>
      ))}
      {trace && <RunLine trace={trace} />}
      <NodeEvalStats nodeId={node.id} overlay={overlay} />
      {problems.length > 0 && <div className="weir-node-problem">{problems[0].message}</div>}
      {single ? (
        <Handle type="source" position={Position.Right} id="out" className="handle-out" />
      ) : (
        <div className="weir-node-handles">
          {handles.map((h) => (
            <div className={`weir-node-handle-row handle-${h.id}`} key={h.id}>
              <span>{h.label}</span>
              <HandleRate nodeId={node.id} handle={h.id} overlay={overlay} />
              <Handle type="source" position={Position.Right} id={h.id} className="handle-out" />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

const preview = (v: unknown) => {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  const flat = (text ?? '').replace(/\s+/g, ' ');
  return flat.length > 90 ? `${flat.slice(0, 89)}…` : flat;
};

/** After a run: the node's output (or error), its latency and its tokens. */
function RunLine({ trace }: { trace: TraceEntry }) {
  if (trace.status === 'skipped') return null;
  const tokens = trace.tokens ? trace.tokens.inputTokens + trace.tokens.outputTokens : undefined;
  return (
    <div className="weir-node-run" data-testid={`node-run-${trace.nodeId}`}>
      <div className="weir-node-run-stats">
        {trace.durationMs !== undefined && <span>{trace.durationMs} ms</span>}
        {tokens !== undefined && <span>{tokens} tok</span>}
        {trace.handle && <span>→ {trace.handle}</span>}
      </div>
      <div className={trace.error ? 'weir-node-run-out bad' : 'weir-node-run-out'}>
        {trace.error ? `${trace.error.code}: ${trace.error.message}` : preview(trace.output)}
      </div>
    </div>
  );
}

// React Flow also passes position and size; the view does not draw them, so they do not count.
export const FlowNodeComponent = memo(FlowNodeView, (a, b) => a.data === b.data && a.selected === b.selected);

/** React Flow's node types, at module scope so the canvas never remounts its nodes. */
export const canvasNodeTypes = { weir: FlowNodeComponent };
