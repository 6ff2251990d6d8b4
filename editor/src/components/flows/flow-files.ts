// Flow files in the browser: export a flow as its canonical file (flows/<id>.json as git has it)
// and import one, checked by the same parser and validator as `weir validate`.
import { formatFlow, parseFlow, type Flow, type Problem } from '../../engine';

export function downloadFlow(flow: Flow): void {
  const blob = new Blob([formatFlow(flow)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: `${flow.id}.json` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export type ImportResult = { flow: Flow; problems: Problem[] } | { error: string };

export function readFlowFile(text: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { error: `not JSON: ${(err as Error).message}` };
  }
  const parsed = parseFlow(json);
  if (!parsed.flow) {
    const first = parsed.problems.find((p) => p.severity === 'error');
    return { error: `not a Weir flow: ${first ? `${first.path} ${first.message}` : 'unreadable'}` };
  }
  return { flow: parsed.flow, problems: parsed.problems };
}
