// A small runner for the browser specs: one stack and one Chromium for all, a fresh page per
// test, console errors collected, screenshots kept in test-results/browser, and a closing line.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot, type Stack } from './stack';

export const artifacts = join(repoRoot, 'test-results/browser');

export interface Ctx {
  stack: Stack;
  page: Page;
  /** Console errors and page errors seen so far on this page. */
  errors: string[];
  shot: (name: string) => Promise<void>;
  /** Screenshots at 1440×900 and 1024×700 (`<name>-1440.png`, `<name>-1024.png`), then back to 1366×768. */
  shots: (name: string) => Promise<void>;
  /** Opens a path signed in (the token goes in through the #token link, as npm start prints it). */
  open: (path: string) => Promise<void>;
}

export interface Spec {
  name: string;
  run: (ctx: Ctx) => Promise<void>;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const launch = (): Promise<Browser> =>
  chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });

export async function runSpecs(stack: Stack, specs: Spec[], filter?: string): Promise<{ passed: number; failed: number }> {
  mkdirSync(join(artifacts, 'views'), { recursive: true });
  const browser = await launch();
  let passed = 0;
  let failed = 0;
  try {
    for (const spec of specs.filter((s) => !filter || filter.split('|').some((f) => s.name.includes(f)))) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      const ctx: Ctx = {
        stack,
        page,
        errors,
        shot: async (name) => void (await page.screenshot({ path: join(artifacts, `${name}.png`) })),
        shots: async (name) => {
          for (const [w, h] of [
            [1440, 900],
            [1024, 700],
          ]) {
            await page.setViewportSize({ width: w, height: h });
            await page.waitForTimeout(350);
            await page.screenshot({ path: join(artifacts, 'views', `${name}-${w}.png`) });
          }
          await page.setViewportSize({ width: 1366, height: 768 });
        },
        open: async (path) => {
          await page.goto(`${stack.url}${path}#token=${stack.token}`);
        },
      };
      const t0 = Date.now();
      try {
        await spec.run(ctx);
        passed++;
        console.log(`  ✓ ${spec.name} (${Date.now() - t0} ms)`);
      } catch (err) {
        failed++;
        console.log(
          `  ✗ ${spec.name}\n    ${String((err as Error).stack ?? err)
            .split('\n')
            .slice(0, 6)
            .join('\n    ')}`,
        );
        await page
          .screenshot({ path: join(artifacts, `FAILED-${spec.name.slice(0, 60).replace(/[^a-z0-9]+/gi, '-')}.png`) })
          .catch(() => undefined);
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return { passed, failed };
}

export function expect(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

export function expectEqual<T>(actual: T, expected: T, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a === e) return;
  let i = 0;
  while (a[i] === e[i]) i++;
  const from = Math.max(0, i - 80);
  throw new Error(`${what}: differs at ${i}: expected …${e.slice(from, i + 160)}…, got …${a.slice(from, i + 160)}…`);
}
