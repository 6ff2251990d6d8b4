// `npx tsx test/browser/screens.ts [dir]`: starts Weir as the browser specs do and takes a
// screenshot of every main screen at 1366×768, for looking at the editor as a user sees it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { artifacts, launch } from './harness';
import { openFlow, pressShortcut, selectNode } from './specs/ui';
import { startStack } from './stack';

const dir = process.argv[2] ?? join(artifacts, 'screens');
mkdirSync(dir, { recursive: true });
const stack = await startStack();
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  const shot = (name: string) => page.screenshot({ path: join(dir, `${name}.png`) });
  const open = (path: string) => page.goto(`${stack.url}${path}#token=${stack.token}`);

  await page.goto(`${stack.url}/`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${stack.url}/`);
  await page.locator('[data-testid=token-input]').waitFor();
  await shot('00-sign-in');
  await page.fill('[data-testid=token-input]', stack.token);
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=flow-table]').waitFor();
  await shot('01-flow-list');

  await open('/flows/health-explainer');
  await openFlow(page, 'health-explainer');
  await page.waitForTimeout(400);
  await shot('02-canvas-flow-settings');
  for (const id of ['question', 'topic', 'cardiology', 'general', 'disclaimer', 'answer']) {
    await selectNode(page, id);
    await page.waitForTimeout(250);
    await shot(`03-inspector-${id}`);
  }
  await open('/flows/support-x1000');
  await openFlow(page, 'support-x1000');
  await selectNode(page, 'classify');
  await page.waitForTimeout(500);
  await shot('04-inspector-prompt-kv');
  await page.click('[data-testid=tab-run]');
  await page.locator('[data-testid=run-button]').click();
  await page.locator('[data-testid=run-result][data-phase=done]').waitFor({ timeout: 30_000 });
  await shot('05-run-panel-done');
  await page.locator('.react-flow__node[data-id="specialist"] .weir-node-id').click();
  await page.locator('[data-testid=trace-specialist]').waitFor();
  await shot('06-run-panel-trace');

  await page.click('[data-testid=tab-inspect]');
  await selectNode(page, 'route');
  await page.locator('[data-testid=field-cases-0-expression]').fill('nodes.classify.output.topic ==');
  await page.waitForTimeout(400);
  await shot('07-inspector-cel-error');
  await page.click('[data-testid=tab-problems]');
  await page.locator('[data-testid=problems-list]').waitFor();
  await shot('08-problems-list');
  await pressShortcut(page, 'Control+s');
  await page.locator('[data-testid=draft-problems]').hover();
  await page.waitForTimeout(200);
  await shot('09-draft-popover');
  await pressShortcut(page, 'Control+z');
  await pressShortcut(page, 'Control+s');
  await pressShortcut(page, 'Escape');
  await page.click('[data-testid=tab-inspect]');
  await page.locator('[data-testid=flow-examples]').fill('[{ "name": "no-question", "input": { "topic": "x" } }]');
  await page.waitForTimeout(200);
  await shot('10-examples-issues');

  await open('/prompts/email-announcement');
  await page.locator('[data-testid=version-diff] .diff-row').first().waitFor();
  await page.locator('[data-testid=used-by] a').first().waitFor();
  await shot('11-prompt-manager-diff');
  await open('/prompts/new-prompt');
  await page.waitForTimeout(500);
  await shot('12-prompt-new');
  await open('/flows/nope');
  await page.waitForTimeout(800);
  await shot('13-flow-not-found');
  await open('/');
  await page.click('[data-testid=new-flow]');
  await page.fill('[data-testid=new-flow-name]', 'Screens empty');
  await page.click('[data-testid=new-flow-create]');
  await page.locator('[data-testid=canvas-empty]').waitFor();
  await shot('14-empty-canvas');
} finally {
  await browser.close();
  await stack.stop();
}
console.log(`screenshots in ${dir}`);
