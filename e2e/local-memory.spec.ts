// `/local` in a browser whose tab has little heap (the `small-heap` project: Chromium with
// --js-flags=--max-old-space-size=64, a limit of ≈ 160 MiB, as on a phone or a locked-down laptop). When the
// analysis worker's heap runs out, Chromium closes the whole tab; the page asks first, with both sizes, for files
// that may not fit (lib/source/local-memory.ts), and opens those that do without a question.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { generateCluster, sizeAt } from '../bench/generate';
import { heapNeeded } from '../lib/source/local-memory';
import { LocalPage } from './pages/local-page';

test.use({ trace: 'off' });

let dir = '';
/** The benchmark's cluster at 5% of Kubernetes' limits (≈ 5 MiB of compact JSON): fits in the small heap. */
let fits = '';
/** At 40% (≈ 41 MiB): its analysis needs an old generation of 128–192 MiB (bench/NOTES.md); this tab's is 64. */
let tooLarge = '';

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubepath-local-memory-'));
  fits = join(dir, 'cluster-5.json');
  tooLarge = join(dir, 'cluster-40.json');
  writeFileSync(fits, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: generateCluster(sizeAt(0.05)) }));
  writeFileSync(tooLarge, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: generateCluster(sizeAt(0.4)) }));
});

test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a file that fits opens at once; one that may not is held with the sizes, and Cancel keeps the page', async ({
  page,
}) => {
  test.setTimeout(120_000);
  let crashed = false;
  page.on('crash', () => (crashed = true));
  const local = new LocalPage(page);
  await local.goto();
  const limit = await page.evaluate(
    () => (performance as unknown as { memory: { jsHeapSizeLimit: number } }).memory.jsHeapSizeLimit,
  );
  expect(limit, 'the project limits the heap').toBeLessThan(256 * 1024 * 1024);

  await local.open([fits]);
  await expect(local.status).toHaveText(/^Analysed 500 Services/);
  await expect(local.memoryWarning).toHaveCount(0);

  expect(statSync(tooLarge).size).toBeGreaterThan(40 * 1024 * 1024);
  await local.fileInput.setInputFiles(tooLarge);
  await expect(local.memoryWarning).toBeVisible();
  const mib = (bytes: number) => Math.round(bytes / 1024 / 1024).toLocaleString('en-US');
  await expect(local.memoryWarning).toContainText(
    `may need about ${mib(heapNeeded([{ size: statSync(tooLarge).size, path: 'json-text' }]))} MiB of memory, and this browser gives a tab ${mib(limit)} MiB`,
  );
  await expect(local.memoryWarning).toContainText('kubepath analyze -f FILE');
  // Nothing was read: the analysis shown before stays, and so does the tab.
  await expect(local.status).toHaveText(/^Analysed 500 Services/);

  await local.cancelOpen.click();
  await expect(local.memoryWarning).toHaveCount(0);
  await expect(local.fileInput).toHaveValue('');
  await expect(local.overview.rows.first()).toBeVisible();
  expect(crashed).toBe(false);
});
