// What the experiment form checks as you type, before the worker's own validation (its 400 names
// every problem, shown on create): ids and arm names, weights, percentages.
export interface ArmInput {
  name: string;
  ref: string;
  weight: string;
}

const ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const ARM = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export function formProblems(f: {
  id: string;
  arms: ArmInput[];
  shadow?: { ref: string; sample: string };
  maxErrorRate: string;
  minRuns: string;
  minSamples: string;
  evalSample?: string;
}): string[] {
  const out: string[] = [];
  const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));
  if (!ID.test(f.id)) out.push('id: lower-case letters, digits, - and _ (up to 64)');
  f.arms.forEach((a, i) => {
    if (!ARM.test(a.name)) out.push(`arm ${i + 1}: a name of lower-case letters, digits, - and _ (up to 32)`);
    if (!a.ref) out.push(`arm ${i + 1}: choose a version or a label`);
    const w = num(a.weight);
    if (!(w >= 0 && w <= 1000)) out.push(`arm ${i + 1}: a weight from 0 to 1000`);
  });
  if (new Set(f.arms.map((a) => a.name)).size !== f.arms.length) out.push('arm names must differ');
  if (!f.arms.some((a) => num(a.weight) > 0)) out.push('at least one arm needs a weight above 0');
  const pct = (label: string, s: string) => {
    const n = num(s);
    if (!(n >= 0 && n <= 100)) out.push(`${label}: a percentage from 0 to 100`);
  };
  const whole = (label: string, s: string) => {
    const n = num(s);
    if (!(Number.isInteger(n) && n >= 1)) out.push(`${label}: a whole number from 1`);
  };
  if (f.shadow) {
    if (!f.shadow.ref) out.push('shadow: choose a version or a label');
    pct('shadow sample', f.shadow.sample);
  }
  pct('guardrail error rate', f.maxErrorRate);
  whole('guardrail runs', f.minRuns);
  whole('runs per arm for a verdict', f.minSamples);
  if (f.evalSample !== undefined) pct('evaluated share', f.evalSample);
  return out;
}
