// Problems found in a flow: what, where (JSON path), which node, how bad.

export interface Problem {
  code: string;
  message: string;
  /** JSON path into the flow file, e.g. $.nodes[2].data.cases[0].expression */
  path: string;
  nodeId?: string;
  severity: 'error' | 'warning';
}

export function jsonPath(segments: readonly PropertyKey[]): string {
  let out = '$';
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(seg)) out += `.${seg}`;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}

export const hasErrors = (problems: readonly Problem[]): boolean => problems.some((p) => p.severity === 'error');

export const formatProblem = (p: Problem): string =>
  `${p.severity} ${p.path}${p.nodeId ? ` (node ${p.nodeId})` : ''}: ${p.message} [${p.code}]`;
