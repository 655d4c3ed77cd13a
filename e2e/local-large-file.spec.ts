// `/local` with a file larger than the browser reads as one text (256 MiB): a kubectl-style snapshot of a fifth of
// Kubernetes' scale limits (bench/kubectl-file.ts, ≈ 330 MiB) is read and parsed a part at a time in the Web
// Worker, as the CLI reads a file too large for one string, and analysed like any other.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { generateCluster, sizeAt } from '../bench/generate';
import { writeKubectlList } from '../bench/kubectl-file';
import { LOCAL_TEXT_BYTES } from '../lib/source/local-limits';
import { LocalPage } from './pages/local-page';

test.use({ trace: 'off' }); // the trace recorder's DOM snapshots are not the page's work (local-scale.spec.ts)

let dir = '';
let file = '';

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubepath-local-large-'));
  file = join(dir, 'kubectl-style.json');
  writeKubectlList(file, generateCluster(sizeAt(0.2)));
});

test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a snapshot larger than one text is read in parts in the worker and analysed', async ({ page }) => {
  test.setTimeout(300_000);
  expect(statSync(file).size, 'the file is over the text limit').toBeGreaterThan(LOCAL_TEXT_BYTES);
  const local = new LocalPage(page);
  await local.goto();
  await local.watchMainThread();
  await local.fileInput.setInputFiles(file);
  await expect(local.status).toHaveText(/^Analysed 2000 Services/, { timeout: 240_000 });
  await expect(local.overview.rows.first()).toBeVisible();
  const { statusTexts } = await local.mainThreadRecord();
  expect(
    statusTexts.some((t) => /^Reading… ([1-9]\d?)%$/.test(t)),
    'reading shows intermediate percentages',
  ).toBe(true);
  await expect(page.getByText(/too large/)).toHaveCount(0);
});
