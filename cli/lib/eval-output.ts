// The end of `weir eval run`, local or remote: the report in --format (to stdout or --out), the
// results file, and exit 1 when a variant's pass rate is under --fail-under (or the eval's passRate).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { EvalReport } from '../../worker/evals';
import { ExitCode, usageError } from './errors';
import { formatJunit } from './eval-report-junit';
import { formatMarkdown, formatTable } from './eval-report-text';
import { display } from './files';

export const EVAL_FORMATS = ['table', 'json', 'md', 'junit'];

export function renderReport(report: EvalReport, format: string): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  if (format === 'md') return formatMarkdown(report);
  if (format === 'junit') return formatJunit(report);
  return formatTable(report);
}

/** --fail-under as a rate from 0 to 1 (a percentage or a number over 1 is divided by 100). */
export function parseFailUnder(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  let rate = Number(String(value).replace(/%$/, ''));
  if (String(value).endsWith('%') || rate > 1) rate /= 100;
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw usageError('--fail-under is a rate from 0 to 1 (or a percentage)');
  return rate;
}

export function emitReport(
  report: EvalReport,
  opts: { format: string; out?: string; results?: { path: string; content: unknown }; failUnder?: number; passRate?: number },
): void {
  const text = renderReport(report, opts.format);
  if (opts.results) {
    mkdirSync(dirname(opts.results.path), { recursive: true });
    writeFileSync(opts.results.path, JSON.stringify(opts.results.content, null, 2) + '\n');
    console.error(`results: ${display(opts.results.path)}`);
  }
  if (opts.out) {
    mkdirSync(dirname(resolve(opts.out)), { recursive: true });
    writeFileSync(resolve(opts.out), text);
  } else process.stdout.write(text);
  const mark = opts.failUnder ?? opts.passRate;
  if (mark !== undefined) {
    const below = report.variants.filter((v) => v.passRate < mark);
    for (const v of below) console.error(`${v.name}: pass rate ${(v.passRate * 100).toFixed(1)}% is under ${(mark * 100).toFixed(1)}%`);
    if (below.length) throw new ExitCode(1);
  }
}
