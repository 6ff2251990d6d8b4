// UI actions the specs share: drag from the palette, name a node, connect handles, read state.
import type { Page } from 'playwright-core';

/** Drags a node type from the palette onto the canvas; (x, y) is relative to the canvas pane. */
export async function dropNode(page: Page, type: string, x: number, y: number): Promise<void> {
  await page.locator(`[data-testid=palette-${type}]`).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
}

/** Renames the selected node through the inspector's id field. */
export async function setSelectedNodeId(page: Page, id: string): Promise<void> {
  const field = page.locator('[data-testid=node-id]');
  await field.fill(id);
  await field.press('Enter');
  await page.locator(`.react-flow__node[data-id="${id}"]`).waitFor();
}

export async function selectNode(page: Page, id: string): Promise<void> {
  await page.locator(`.react-flow__node[data-id="${id}"] .weir-node-id`).click();
  await page.locator('[data-testid=node-id]').waitFor();
  await page.waitForFunction((nid) => (document.querySelector('[data-testid=node-id]') as HTMLInputElement | null)?.value === nid, id);
}

/** Drags from a node's source handle to another node's input handle. */
export async function connect(page: Page, source: string, handle: string, target: string): Promise<void> {
  const from = page.locator(`.react-flow__node[data-id="${source}"] .react-flow__handle.source[data-handleid="${handle}"]`);
  const to = page.locator(`.react-flow__node[data-id="${target}"] .react-flow__handle.target`);
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

export const edgeCount = (page: Page) => page.locator('.react-flow__edge').count();

/**
 * Waits for the flow to be drawn. Flows open readable, which can leave nodes outside the view;
 * unless `fit: false`, the spec then fits the whole flow in view so every node can be clicked.
 */
export async function openFlow(page: Page, id: string, opts: { fit?: boolean } = {}): Promise<void> {
  await page.locator('[data-testid=flow-title]').waitFor();
  await page.waitForFunction((fid) => document.querySelector('[data-testid=flow-title] .flow-id')?.textContent === fid, id);
  await page.locator('.react-flow__node').first().waitFor();
  if (opts.fit === false) return;
  await page.click('[data-testid=fit]');
  await page.waitForTimeout(400);
}

/** The flow the editor holds right now (read-only test hook). */
export const currentFlow = (page: Page) => page.evaluate(() => window.__weir!.flow());

export async function pressShortcut(page: Page, key: string): Promise<void> {
  // Shortcuts act on the canvas, not inside a text field: move focus off any input first.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(key);
}
