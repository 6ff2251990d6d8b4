/// <reference lib="dom" />
// `npm run bench:editor`: builds the editor, serves it with a stub /v1 holding a generated
// 500-node flow, and measures in Chromium (1) the time from navigation until the flow is drawn
// and the page answers a click, (2) one validation pass of the flow (the shared validator), and
// (3) for information, the time until Fit has drawn the whole flow (at least 90% of its nodes) (a large flow opens readable at
// its start and draws only what is in view; Fit draws everything), and (4) a 2,000-node flow: the
// time to open it (drawn and answering a click) and the frame time while panning it, next to the
// 500-node flow's frame time measured the same way.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { extname, join } from 'node:path';
import { launch } from '../test/browser/harness';
import { repoRoot } from '../test/browser/stack';
import { generateFlow } from './editor-flow';

const RUNS = 5;
const dist = join(repoRoot, 'editor/dist');
execFileSync(join(repoRoot, 'node_modules/.bin/vite'), ['build', '--config', 'editor/vite.config.ts', '--logLevel', 'error'], {
  cwd: repoRoot,
  stdio: 'inherit',
});

const flow = generateFlow(Number(process.env.BENCH_NODES ?? 500));
const large = { ...generateFlow(2000), id: 'bench-2000' };
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const json = (body: unknown) => (res.setHeader('content-type', 'application/json'), res.end(JSON.stringify(body)));
  if (url.pathname === '/v1/flows/bench-500') return json({ flow, updatedAt: new Date().toISOString(), problems: [] });
  if (url.pathname === '/v1/flows/bench-2000') return json({ flow: large, updatedAt: new Date().toISOString(), problems: [] });
  if (url.pathname.startsWith('/v1/')) return ((res.statusCode = 404), json({ error: { code: 'not_found', message: 'bench stub' } }));
  if (url.pathname === '/v1/flows') return json({ flows: [] });
  if (url.pathname === '/v1/prompts') return json({ prompts: [] });
  const file = join(dist, url.pathname);
  const path = existsSync(file) && extname(file) ? file : join(dist, 'index.html');
  res.setHeader('content-type', types[extname(path)] ?? 'application/octet-stream');
  res.end(readFileSync(path));
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

/** Opens a flow and waits until it is drawn and a click on a node shows the inspector; ms. */
async function openInteractive(page: import('playwright-core').Page, id: string): Promise<number> {
  await page.goto(`http://127.0.0.1:${port}/#token=bench`);
  const t0 = Date.now();
  await page.goto(`http://127.0.0.1:${port}/flows/${id}`);
  await page.waitForFunction(
    () =>
      document.querySelectorAll('.react-flow__node').length > 0 &&
      [...document.querySelectorAll<HTMLElement>('.react-flow__node')].every((n) => n.style.visibility !== 'hidden'),
  );
  await page.locator('.react-flow__node .weir-node-id').first().click();
  await page.locator('[data-testid=node-id]').waitFor();
  return Date.now() - t0;
}

/** Drags the canvas (about a second) and returns the times between animation frames, ms. */
async function panFrames(page: import('playwright-core').Page): Promise<number[]> {
  const box = (await page.locator('.react-flow__pane').boundingBox())!;
  // A string, not a function: tsx would wrap the inner function in a helper the page lacks.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__stop = false;
    let last = performance.now();
    const tick = (t) => {
      window.__frames.push(t - last);
      last = t;
      if (!window.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  // Grab the empty strip left of the flow (the opening view keeps 40 px there) and drag upwards,
  // twice, so rows below come into view.
  const x = box.x + 18;
  for (let round = 0; round < 3; round++) {
    await page.mouse.move(x, box.y + box.height - 180);
    await page.mouse.down();
    for (let i = 1; i <= 45; i++) await page.mouse.move(x, box.y + box.height - 180 - i * ((box.height - 200) / 45));
    await page.mouse.up();
  }
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__stop = true;
    return w.__frames.slice(2);
  });
}
const browser = await launch();
const loads: number[] = [];
const validations: number[] = [];
const fits: number[] = [];
const largeOpens: number[] = [];
const largeFrames: number[] = [];
const smallFrames: number[] = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`http://127.0.0.1:${port}/#token=bench`);
    const t0 = Date.now();
    await page.goto(`http://127.0.0.1:${port}/flows/bench-500`);
    // Drawn: visible nodes are measured (React Flow shows them) and the problems tab has counted.
    await page.waitForFunction(
      () =>
        document.querySelectorAll('.react-flow__node').length > 0 &&
        [...document.querySelectorAll<HTMLElement>('.react-flow__node')].every((n) => n.style.visibility !== 'hidden'),
    );
    const tDrawn = Date.now() - t0;
    // Interactive: a click on a node selects it and the inspector shows it.
    const first = page.locator('.react-flow__node .weir-node-id').first();
    await first.click();
    await page.locator('[data-testid=node-id]').waitFor();
    loads.push(Date.now() - t0);
    if (process.env.BENCH_VERBOSE) console.log(`run ${i}: drawn ${tDrawn} ms, clicked ${loads[loads.length - 1]} ms`);
    if (i === 0) validations.push(...(await page.evaluate(() => window.__weir!.validateMs(30))));
    if (i === 0) await page.screenshot({ path: join(repoRoot, 'test-results/bench-editor-500.png') });
    const tFit = Date.now();
    await page.click('[data-testid=fit]');
    await page.waitForFunction((n) => {
      const nodes = [...document.querySelectorAll<HTMLElement>('.react-flow__node')];
      // Fit's padding leaves a few nodes at the far edges outside the view at the minimum zoom.
      return nodes.length >= n * 0.9 && nodes.every((x) => x.style.visibility !== 'hidden');
    }, flow.nodes.length);
    fits.push(Date.now() - tFit);
    if (process.env.BENCH_VERBOSE) console.log(`run ${i}: fit all ${fits[fits.length - 1]} ms`);
    await page.close();
  }
  for (let i = 0; i < 3; i++) {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await openInteractive(page, 'bench-500');
    smallFrames.push(...(await panFrames(page)));
    await page.close();
    const big = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    largeOpens.push(await openInteractive(big, 'bench-2000'));
    largeFrames.push(...(await panFrames(big)));
    if (i === 0) await big.screenshot({ path: join(repoRoot, 'test-results/bench-editor-2000.png') });
    await big.close();
  }
} finally {
  await browser.close();
  server.close();
}
const result = {
  nodes: flow.nodes.length,
  edges: flow.edges.length,
  drawnAndInteractiveMs: median(loads),
  drawnAndInteractiveRunsMs: loads,
  validationMs: Number(median(validations).toFixed(2)),
  validationRuns: validations.length,
  fitAllDrawnMs: median(fits),
  fitAllDrawnRunsMs: fits,
  panFrameMs: { median: Number(median(smallFrames).toFixed(1)), p95: Number(p95(smallFrames).toFixed(1)), frames: smallFrames.length },
  large: {
    nodes: large.nodes.length,
    edges: large.edges.length,
    openAndInteractiveMs: median(largeOpens),
    openAndInteractiveRunsMs: largeOpens,
    panFrameMs: { median: Number(median(largeFrames).toFixed(1)), p95: Number(p95(largeFrames).toFixed(1)), frames: largeFrames.length },
  },
  targets: { drawnAndInteractiveMs: 1000, validationMs: 10 },
  at: new Date().toISOString(),
};
mkdirSync(join(repoRoot, 'bench/results'), { recursive: true });
writeFileSync(join(repoRoot, 'bench/results/editor.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(
  `editor, ${result.nodes}-node flow: drawn and interactive in ${result.drawnAndInteractiveMs} ms (median of ${RUNS}; target < 1000 ms)`,
);
console.log(
  `editor, ${result.large.nodes}-node flow: drawn and interactive in ${result.large.openAndInteractiveMs} ms (median of 3; ${(result.large.openAndInteractiveMs / result.drawnAndInteractiveMs).toFixed(2)}x the 500-node flow)`,
);
console.log(
  `panning, frame time median / p95: ${result.panFrameMs.median} / ${result.panFrameMs.p95} ms at ${result.nodes} nodes, ${result.large.panFrameMs.median} / ${result.large.panFrameMs.p95} ms at ${result.large.nodes} nodes`,
);
console.log(`Fit, whole flow drawn: ${result.fitAllDrawnMs} ms (median of ${RUNS}; not a target)`);
console.log(`one validation pass: ${result.validationMs} ms (median of ${result.validationRuns}; target < 10 ms)`);
console.log('written to bench/results/editor.json');
