// The eval report as JUnit XML for CI systems: one suite per variant, one case per item, the
// failing checks as the failure message.
import type { EvalReport } from '../../worker/evals';

const xml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // oxlint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export function formatJunit(r: EvalReport): string {
  const suites = r.variants.map((v) => {
    const cases = r.items.map((item) => {
      const cell = item.variants[v.name];
      const name = `name="${xml(item.id)}" classname="${xml(`${r.eval.name}.${v.name}`)}"`;
      if (cell.pass) return `    <testcase ${name}/>`;
      const message = cell.reasons.join('; ') || 'failed';
      return `    <testcase ${name}>\n      <failure message="${xml(message.slice(0, 500))}">${xml(cell.reasons.join('\n'))}</failure>\n    </testcase>`;
    });
    return `  <testsuite name="${xml(`${r.eval.name}/${v.name}`)}" tests="${v.items}" failures="${v.items - v.passed}" errors="0" time="${(r.durationMs / 1000).toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const tests = r.variants.reduce((s, v) => s + v.items, 0);
  const failures = r.variants.reduce((s, v) => s + v.items - v.passed, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(r.eval.name)}" tests="${tests}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`;
}
