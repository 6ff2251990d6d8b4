// The eval report as a terminal table or as Markdown for a pull request: per variant the pass
// rate with its Wilson interval, latency, tokens, cost; significance per pair with flips; the
// technique comparison with break-even and retirement.
import type { EvalReport } from '../../worker/evals';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const usd = (x: number | null) => (x === null ? 'unknown' : x === 0 ? '$0' : x < 1 ? `$${Number(x.toPrecision(3))}` : `$${x.toFixed(2)}`);
const ms = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? '-' : `${Math.round(x)}`);
const pv = (p: number | null) => (p === null ? '-' : p < 0.001 ? '< 0.001' : p.toFixed(3));

function rows(r: EvalReport): string[][] {
  const head = [
    'variant',
    'pass',
    'rate',
    '95% CI',
    'p50 ms',
    'p95 ms',
    'TTFT p50',
    'tokens/run',
    'cost/item',
    'cost/pass',
    'per 1k req',
    'fallback',
    'errors',
    'flaky',
  ];
  return [
    head,
    ...r.variants.map((v) => [
      v.name,
      `${v.passed}/${v.items}`,
      pct(v.passRate),
      `${pct(v.interval.low)}–${pct(v.interval.high)}`,
      ms(v.latencyMs.p50),
      ms(v.latencyMs.p95),
      ms(v.ttftMs?.p50),
      `${Math.round(v.tokens.perRun)}`,
      usd(v.cost.perItem),
      v.cost.perPass === null && v.cost.total !== null ? 'no passes' : usd(v.cost.perPass),
      usd(v.cost.per1000),
      pct(v.fallbackRate),
      `${v.errors}`,
      `${v.flakyItems}`,
    ]),
  ];
}

function comparisonLines(r: EvalReport): string[] {
  const c = r.comparison;
  if (!c) return r.comparisonError ? [`comparison: ${r.comparisonError}`] : [];
  const q = c.quality;
  const verdict = q.significant
    ? `${q.better === 'finetuned' ? c.finetuned : c.prompt} is better (p = ${pv(q.pValue)})`
    : `no significant difference (p = ${pv(q.pValue)})`;
  const t = c.training;
  const lines = [
    `quality: ${c.prompt} ${pct(q.prompt.passRate)} [${pct(q.prompt.interval.low)}–${pct(q.prompt.interval.high)}] vs ${c.finetuned} ${pct(q.finetuned.passRate)} [${pct(q.finetuned.interval.low)}–${pct(q.finetuned.interval.high)}]: ${verdict}`,
    `latency p50: ${ms(c.latencyP50Ms.prompt)} ms vs ${ms(c.latencyP50Ms.finetuned)} ms`,
    `cost per 1,000 requests: ${usd(c.costPer1000.prompt)} vs ${usd(c.costPer1000.finetuned)} (fine-tuned fallback rate ${pct(c.fallbackRate)}, included)`,
    `training: ${t.tokensPerEpoch.toLocaleString('en-US')} tokens × ${t.epochs} epochs × ${t.perMTok === null ? 'unknown price' : `$${t.perMTok}/M`} = ${usd(t.costUsd)}${t.source ? ` (${t.source})` : ''}`,
    `hosting: ${usd(c.hosting.perHour)}/h × ${c.hosting.hours} h = ${usd(c.hosting.costUsd)}; this eval cost ${usd(c.evalCostUsd)}`,
    `break-even N*: ${c.breakEven.requests === null ? 'never' : `${c.breakEven.requests.toLocaleString('en-US')} requests`}: ${c.breakEven.reason}`,
  ];
  const ret = c.retirement;
  if (ret.date)
    lines.push(
      `base model retires ${ret.date} (${ret.daysLeft} days)${ret.requestsPerDayNeeded !== null ? `: break-even needs ${ret.requestsPerDayNeeded.toLocaleString('en-US')} requests a day before then` : ''}`,
    );
  if (ret.warning) lines.push(`WARNING: ${ret.warning}`);
  return lines;
}

function pairLines(r: EvalReport): string[] {
  const out = r.pairs.map((p) => {
    const flips = p.flipped.length
      ? `; flipped: ${p.flipped
          .slice(0, 8)
          .map((f) => `${f.itemId} (${f.passed === 'a' ? p.a : p.b} passed)`)
          .join(', ')}${p.flipped.length > 8 ? `, +${p.flipped.length - 8} more` : ''}`
      : '';
    return `${p.a} vs ${p.b}: ${p.mcnemar.b} vs ${p.mcnemar.c} discordant, p = ${pv(p.mcnemar.pValue)}${p.significant ? ' (significant)' : ''}; score diff ${p.scoreDiff.mean.toFixed(3)} [${p.scoreDiff.low.toFixed(3)}, ${p.scoreDiff.high.toFixed(3)}]${flips}`;
  });
  for (const w of r.pairwise)
    out.push(
      `pairwise ${w.a} vs ${w.b}: ${w.wins.a} wins, ${w.wins.b} losses, ${w.wins.tie} ties${w.ungraded ? `, ${w.ungraded} not graded` : ''}${w.winRate === null ? '' : ` (win rate ${pct(w.winRate)})`}`,
    );
  return out;
}

const header = (r: EvalReport) =>
  `${r.eval.name}: flow ${r.eval.flow}, dataset ${r.dataset.name}${r.dataset.split ? ` (${r.dataset.split} split)` : ''}, ${r.dataset.items} items, hash ${r.dataset.hash.slice(0, 12)}, ${r.repeats} repeat(s), ${(r.durationMs / 1000).toFixed(1)} s`;

function notes(r: EvalReport): string[] {
  const ungraded = r.variants.reduce((s, v) => s + v.ungradedChecks, 0);
  return ungraded
    ? [`note: ${ungraded} model-graded check(s) were not graded (the judge is the offline echo provider) and weigh nothing`]
    : [];
}

export function formatTable(r: EvalReport): string {
  const table = rows(r);
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  const lines = table.map((row) =>
    row
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => '─'.repeat(w)).join('  '));
  const sections = [
    header(r),
    '',
    ...lines,
    '',
    'significance (McNemar exact test on the same items):',
    ...pairLines(r).map((l) => `  ${l}`),
  ];
  const comparison = comparisonLines(r);
  if (comparison.length)
    sections.push(
      '',
      `technique comparison: ${r.comparison?.prompt ?? ''} (prompt) vs ${r.comparison?.finetuned ?? ''} (fine-tuned)`,
      ...comparison.map((l) => `  ${l}`),
    );
  sections.push(...notes(r));
  return sections.join('\n') + '\n';
}

export function formatMarkdown(r: EvalReport): string {
  const table = rows(r);
  const md = [
    `### Eval ${r.eval.name}`,
    '',
    header(r),
    '',
    `| ${table[0].join(' | ')} |`,
    `|${table[0].map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...table.slice(1).map((row) => `| ${row.join(' | ')} |`),
    '',
    '**Significance** (McNemar exact test on the same items)',
    '',
    ...pairLines(r).map((l) => `- ${l}`),
  ];
  const comparison = comparisonLines(r);
  if (comparison.length)
    md.push(
      '',
      `**Technique comparison**: ${r.comparison?.prompt} (prompt) vs ${r.comparison?.finetuned} (fine-tuned)`,
      '',
      ...comparison.map((l) => `- ${l}`),
    );
  md.push(...notes(r).map((n) => `\n_${n}_`));
  return md.join('\n') + '\n';
}
