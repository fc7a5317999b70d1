// The studio end to end, in headless Chromium: type a contract with a mistake, see the
// validator's diagnostic at its line, fix it, deploy with a constructor argument, call,
// step the trace, and check that every receipt hash equals the Node adapter's for the same
// transactions. Then: the state survives a reload, the share link carries the contract,
// the examples menu loads one, reset empties the state, and no request leaves the page's
// own origin. When no Chromium can start here the test is skipped and says why.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { call, compileSource, defaultBlock, defaultTx, deploy, MemoryState } from '../index.js';
import { buildStudio } from '../scripts/build-studio.mjs';
import { serveStatic } from '../scripts/serve-studio.mjs';
import { launchChromium } from './studio_browser.js';

const BROKEN = `from stdlib import storage, events

KEY: bytes = b"total"


def __init__(start: int) -> None:
    storage.set_int(KEY, start)


def add(n: int) -> int:
    total = storage.get_int(KEY) + n
    storage.set_int(KEY, total)
    events.emit(b"Added", {"n": n, "total": total})
    return total


def total() -> int:
    return storgae.get_int(KEY)`;
const FIXED = BROKEN.replace('storgae', 'storage');
const GAS = 1_000_000; // the studio's default gas limit

let dir = '';
let server: Server | undefined;
let url = '';
let browser: Browser | undefined;
let skipReason = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vmpy-studio-'));
  await buildStudio(dir);
  ({ server, url } = await serveStatic(dir));
  const l = await launchChromium();
  if ('skip' in l) {
    skipReason = l.skip;
    // said out loud as well: a skipped test's note is easy to miss in a long run
    console.warn(`studio browser test skipped: ${l.skip}`);
  } else browser = l.browser;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What Node's adapter gives for the studio's transactions (nonce = transactions sent so far). */
function nodeReceipts(): string[] {
  const state = new MemoryState();
  const block = defaultBlock();
  const { bytes } = compileSource(FIXED, { file: 'contract.py' });
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
  const d = deploy({ contract: { code: bytes }, args: ['5'], gasLimit: GAS, tx: { ...defaultTx(), nonce: 0n }, block, state });
  expect(d.status).toBe('SUCCESS');
  const to = d.created!.address;
  const a = call({ input: { fn: 'add', args: ['7'] }, gasLimit: GAS, tx: { ...defaultTx(), to, nonce: 1n }, block, state });
  const t = call({ input: { fn: 'total', args: [] }, gasLimit: GAS, tx: { ...defaultTx(), to, nonce: 2n }, block, state });
  expect(t.returnValue).toBe(12);
  return [d, a, t].map((r) => '0x' + hex(r.hash));
}

async function editorText(page: Page): Promise<string> {
  return page.$$eval('.cm-content .cm-line', (ls) => ls.map((l) => l.textContent ?? '').join('\n'));
}

/** The 1-based editor line that holds the first element matching sel. */
async function lineOf(page: Page, sel: string): Promise<number> {
  return page.$eval(sel, (el) => {
    const line = el.closest('.cm-line')!;
    return [...document.querySelectorAll('.cm-content .cm-line')].indexOf(line) + 1;
  });
}

async function submit(page: Page, fn: string): Promise<{ status: string; hash: string; value: string | null }> {
  const before = await page.$eval('#history', (h) => h.children.length);
  await page.click(`form[data-fn="${fn}"] button[type=submit]`);
  await page.waitForFunction((n) => document.querySelector('#history')!.children.length > n, {}, before);
  return page.evaluate(() => ({
    status: document.querySelector('#result-status')!.textContent!,
    hash: document.querySelector('#receipt-hash')!.textContent!,
    value: document.querySelector('#result-value')?.textContent ?? null,
  }));
}

test("type, see the diagnostic, fix, deploy, call: receipts equal the Node adapter's", async (ctx) => {
  if (!browser) ctx.skip(skipReason);
  const page = await browser!.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(`pageerror: ${(e as Error).message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.setViewport({ width: 1400, height: 900 });
  await page.goto(url);
  await page.waitForSelector('body[data-ready]');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector('body[data-ready]');

  // type the contract: replace the example with the broken text, as one input
  await page.click('.cm-content');
  await page.keyboard.down('Control');
  await page.keyboard.press('a');
  await page.keyboard.up('Control');
  await page.keyboard.press('Backspace');
  await page.keyboard.sendCharacter(BROKEN);
  expect(await editorText(page)).toBe(BROKEN);

  // the validator's diagnostic appears, at line 18, in the problems list and in the editor
  await page.waitForSelector('#diags li.diag[data-code="E-NAME"]');
  const diag = await page.$eval('#diags li.diag', (li) => ({ line: li.getAttribute('data-line'), text: li.textContent }));
  expect(diag.line).toBe('18');
  expect(diag.text).toContain("name 'storgae' is not defined");
  await page.waitForSelector('.cm-lintRange-error');
  expect(await lineOf(page, '.cm-lintRange-error')).toBe(18);
  expect(await page.$eval('.cm-lintRange-error', (e) => e.textContent)).toBe('storgae');

  // fix it by typing over the last line's statement
  await page.keyboard.down('Control');
  await page.keyboard.press('End');
  await page.keyboard.up('Control');
  await page.keyboard.down('Shift');
  await page.keyboard.press('Home');
  await page.keyboard.up('Shift');
  await page.keyboard.type('return storage.get_int(KEY)');
  expect(await editorText(page)).toBe(FIXED);
  await page.waitForSelector('#diags li.ok');
  expect(await page.$('.cm-lintRange-error')).toBeNull();

  // the deploy form still holds the example compiled at load, and says so until Compile
  expect(await page.$('#deploy.stale')).not.toBeNull();
  // compile: a deploy form with the constructor's typed input
  await page.click('#compile');
  expect(await page.$('#deploy.stale')).toBeNull();
  await page.waitForSelector('#in-__init__-start');
  await page.type('#in-__init__-start', '5');
  const d = await submit(page, '__init__');
  expect(d.status).toBe('SUCCESS');
  await page.waitForSelector('form[data-fn="add"] #in-add-n');
  await page.type('#in-add-n', '7');
  const a = await submit(page, 'add');
  expect([a.status, a.value]).toEqual(['SUCCESS', '12']);
  expect(await page.$eval('#events', (e) => e.textContent)).toContain('"total":12');
  expect(await page.$eval('#storage-diff', (e) => e.textContent)).toContain("'total'");

  // the trace: step by line, the highlighted editor line follows; gas per line in the gutter
  await page.waitForSelector('#trace-step');
  const seen: number[] = [];
  for (let i = 0; i < 4; i++) {
    const line = Number(await page.$eval('#trace-step', (e) => e.getAttribute('data-line')));
    await page.waitForSelector('.cm-trace-line');
    expect(await lineOf(page, '.cm-trace-line')).toBe(line);
    seen.push(line);
    await page.click('#trace-next');
  }
  expect(seen.slice(0, 3)).toEqual([11, 12, 13]);
  await page.click('#trace-prev');
  const gutter = await page.$$eval('.cm-gas-gutter .cm-gutterElement', (els) => els.map((e) => e.textContent ?? ''));
  const perLine = gutter.map((t) => Number(t.replace(/,/g, '')) || 0);
  expect(perLine.filter((g) => g > 0).length).toBeGreaterThanOrEqual(4);
  expect(await page.$$('.cm-content .cm-line[class*="cm-gas-heat-"]')).not.toHaveLength(0);
  // the README's picture: VMPY_STUDIO_SCREENSHOT=docs/studio.png npx vitest run tests/studio.test.ts
  if (process.env.VMPY_STUDIO_SCREENSHOT) await page.screenshot({ path: process.env.VMPY_STUDIO_SCREENSHOT as `${string}.png`, fullPage: true });

  const t = await submit(page, 'total');
  expect([t.status, t.value]).toEqual(['SUCCESS', '12']);
  expect([d.hash, a.hash, t.hash]).toEqual(nodeReceipts());

  // the state is kept in the page's storage: after a reload, total() still returns 12
  await page.reload();
  await page.waitForSelector('body[data-ready]');
  expect(await editorText(page)).toBe(FIXED);
  await page.waitForSelector('form[data-fn="total"]');
  expect((await submit(page, 'total')).value).toBe('12');

  // a share link holds the contract; another page opened on it shows the same source
  await page.click('#share');
  await page.waitForFunction(() => (document.querySelector('#share-url') as HTMLInputElement).value.includes('#src='));
  const link = await page.$eval('#share-url', (e) => (e as HTMLInputElement).value);
  const other = await browser!.createBrowserContext();
  const p2 = await other.newPage();
  p2.on('request', (r) => requests.push(r.url()));
  await p2.goto(link);
  await p2.waitForSelector('body[data-ready]');
  expect(await editorText(p2)).toBe(FIXED);
  await other.close();

  // the examples menu loads a contract, which compiles
  await page.select('#examples', 'token');
  await page.waitForFunction(() => /compiled: \d+ bytes/.test(document.querySelector('#status')!.textContent!));
  expect(await editorText(page)).toContain('def transfer');

  // reset forgets the contract
  await page.click('#reset');
  await page.waitForFunction(() => document.querySelector('#functions')!.textContent!.includes('Deploy a contract'));
  expect(await page.evaluate(() => JSON.parse(JSON.parse(localStorage.getItem('vm-py-studio:v1')!).session).address)).toBeNull();

  // nothing but the studio's own files was requested (data: URLs are CodeMirror's inline icons)
  expect(requests.filter((r) => !r.startsWith(url) && !r.startsWith('data:'))).toEqual([]);
  expect(requests.filter((r) => r.startsWith(url)).length).toBeGreaterThan(0);
  expect(problems).toEqual([]);
  await page.close();
});
