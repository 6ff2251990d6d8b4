// diffFlows: a semantic diff of two flows (nodes by id, field by field; edges; flow fields; prompt
// refs). Shared by the CLI, the worker's diff endpoint and the editor; diff-format.ts renders it.
import { nodeRegistry } from './nodes';
import { handleOf, type Flow, type FlowEdge, type FlowNode } from './schema';

/** One changed value; `path` is dotted (`data.prompt.ref`, `data.cases[id=heart].expression`). */
export interface ValueChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

export interface NodeChange {
  id: string;
  /** The node's type in `b`. */
  type: string;
  changes: ValueChange[];
}

export interface NodeMove {
  id: string;
  before: { x: number; y: number };
  after: { x: number; y: number };
}

export interface EdgeRef {
  source: string;
  sourceHandle: string;
  target: string;
}

export interface EdgeRewire {
  source: string;
  sourceHandle: string;
  before: string;
  after: string;
}

export interface FlowDiff {
  /** Flow-level fields outside nodes and edges: name, description, public, input, examples, chat ... */
  flow: ValueChange[];
  nodes: { added: FlowNode[]; removed: FlowNode[]; changed: NodeChange[]; moved: NodeMove[] };
  edges: { added: EdgeRef[]; removed: EdgeRef[]; rewired: EdgeRewire[] };
  prompts: { added: string[]; removed: string[] };
  /** True when nothing but positions changed (or nothing at all). */
  same: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const equal = (a: unknown, b: unknown): boolean => stableJson(a) === stableJson(b);

/** JSON with object keys sorted, so key order never counts as a change. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (isObj(v))
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

const keyPath = (base: string, key: string) =>
  /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? (base ? `${base}.${key}` : key) : `${base}[${JSON.stringify(key)}]`;

/** Arrays whose items are objects with a unique string `id` or `name` are matched by it, not by index. */
function itemKey(items: unknown[]): string | undefined {
  for (const key of ['id', 'name']) {
    const keys = items.map((i) => (isObj(i) && typeof i[key] === 'string' ? (i[key] as string) : undefined));
    if (items.length > 0 && keys.every((k) => k !== undefined) && new Set(keys).size === keys.length) return key;
  }
  return undefined;
}

function diffArrays(path: string, a: unknown[], b: unknown[], out: ValueChange[]): void {
  const key = itemKey(a) ?? itemKey(b);
  if (key && (a.length === 0 || itemKey(a) === key) && (b.length === 0 || itemKey(b) === key)) {
    const before = new Map(a.map((i) => [(i as Obj)[key] as string, i]));
    const after = new Map(b.map((i) => [(i as Obj)[key] as string, i]));
    for (const [k, v] of before) if (!after.has(k)) out.push({ path: `${path}[${key}=${k}]`, kind: 'removed', before: v });
    for (const [k, v] of after) {
      const p = `${path}[${key}=${k}]`;
      if (!before.has(k)) out.push({ path: p, kind: 'added', after: v });
      else diffValues(p, before.get(k), v, out);
    }
    const order = (m: Map<string, unknown>) => [...m.keys()].filter((k) => before.has(k) && after.has(k)).join('\n');
    if (order(before) !== order(after))
      out.push({ path: `${path}:order`, kind: 'changed', before: [...before.keys()], after: [...after.keys()] });
    return;
  }
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i >= b.length) out.push({ path: `${path}[${i}]`, kind: 'removed', before: a[i] });
    else if (i >= a.length) out.push({ path: `${path}[${i}]`, kind: 'added', after: b[i] });
    else diffValues(`${path}[${i}]`, a[i], b[i], out);
  }
}

/** Field-by-field changes between two JSON values, descending into objects and arrays. */
export function diffValues(path: string, a: unknown, b: unknown, out: ValueChange[] = []): ValueChange[] {
  if (equal(a, b)) return out;
  if (a === undefined) out.push({ path, kind: 'added', after: b });
  else if (b === undefined) out.push({ path, kind: 'removed', before: a });
  else if (isObj(a) && isObj(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diffValues(keyPath(path, k), a[k], b[k], out);
  } else if (Array.isArray(a) && Array.isArray(b)) diffArrays(path, a, b, out);
  else out.push({ path, kind: 'changed', before: a, after: b });
  return out;
}

function promptRefs(flow: Flow): Set<string> {
  const refs = new Set<string>();
  for (const node of flow.nodes ?? []) {
    const def = nodeRegistry.get(node.type);
    try {
      for (const ref of def?.promptRefs(node.data) ?? []) refs.add(ref.source);
    } catch {
      // data the node type cannot read has no refs we can trust
    }
  }
  return refs;
}

const edgeRef = (e: FlowEdge): EdgeRef => ({ source: e.source, sourceHandle: handleOf(e), target: e.target });
const edgeKey = (e: EdgeRef) => `${e.source}\u0000${e.sourceHandle}\u0000${e.target}`;

function diffEdges(a: FlowEdge[], b: FlowEdge[]): FlowDiff['edges'] {
  const before = new Map(a.map((e) => [edgeKey(edgeRef(e)), edgeRef(e)]));
  const after = new Map(b.map((e) => [edgeKey(edgeRef(e)), edgeRef(e)]));
  const removed = [...before].filter(([k]) => !after.has(k)).map(([, e]) => e);
  let added = [...after].filter(([k]) => !before.has(k)).map(([, e]) => e);
  const rewired: EdgeRewire[] = [];
  const stillRemoved: EdgeRef[] = [];
  for (const r of removed) {
    const match = added.find((e) => e.source === r.source && e.sourceHandle === r.sourceHandle);
    if (!match) stillRemoved.push(r);
    else {
      rewired.push({ source: r.source, sourceHandle: r.sourceHandle, before: r.target, after: match.target });
      added = added.filter((e) => e !== match);
    }
  }
  return { added, removed: stillRemoved, rewired };
}

export function diffFlows(a: Flow, b: Flow): FlowDiff {
  const { nodes: _an, edges: _ae, ...aRest } = a;
  const { nodes: _bn, edges: _be, ...bRest } = b;
  const flow = diffValues('', aRest, bRest);
  const aNodes = new Map((a.nodes ?? []).map((n) => [n.id, n]));
  const bNodes = new Map((b.nodes ?? []).map((n) => [n.id, n]));
  const nodes: FlowDiff['nodes'] = { added: [], removed: [], changed: [], moved: [] };
  for (const [id, n] of aNodes) if (!bNodes.has(id)) nodes.removed.push(n);
  for (const [id, n] of bNodes) {
    const old = aNodes.get(id);
    if (!old) {
      nodes.added.push(n);
      continue;
    }
    const { position: oldPos, ...oldRest } = old;
    const { position: newPos, ...newRest } = n;
    const changes = diffValues('', oldRest, newRest);
    if (changes.length) nodes.changed.push({ id, type: n.type, changes });
    if (!equal(oldPos, newPos)) nodes.moved.push({ id, before: oldPos, after: newPos });
  }
  const edges = diffEdges(a.edges ?? [], b.edges ?? []);
  const aRefs = promptRefs(a);
  const bRefs = promptRefs(b);
  const prompts = { added: [...bRefs].filter((r) => !aRefs.has(r)).sort(), removed: [...aRefs].filter((r) => !bRefs.has(r)).sort() };
  const same =
    flow.length +
      nodes.added.length +
      nodes.removed.length +
      nodes.changed.length +
      edges.added.length +
      edges.removed.length +
      edges.rewired.length ===
    0;
  return { flow, nodes, edges, prompts, same };
}
