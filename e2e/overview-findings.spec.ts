// The problems section of a cluster whose rules each hit many Services: an expanded group shows its first few
// findings and a button for the rest, so the Services table stays near the top of the page (a group used to list
// up to 50 findings, each a paragraph with its fix). The server is this spec's own, on a generated cluster of 200
// Services whose `snat-allowlist` errors and `local-nodes-drop` warnings hit 10 Services each.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { generateCluster } from '../bench/generate';
import { FIRST_FINDINGS } from '../lib/view/overview';
import { OverviewPage } from './pages/overview-page';
import { keepScreenshot } from './support/artifacts';
import { startOwnServer, type OwnServer } from './support/own-server';

let dir = '';
let server: OwnServer;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kubepath-findings-'));
  const file = join(dir, 'generated.json');
  const items = generateCluster({ nodes: 20, pods: 600, services: 200, networkPolicies: 40 });
  writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  server = await startOwnServer({ KUBEPATH_SNAPSHOT: file });
});

test.afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

for (const [width, height] of [
  [1440, 900],
  [390, 844],
] as const) {
  test(`does a rule that hits many Services keep the table near the top at ${width} px, with every finding a click away?`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width, height });
    const overview = new OverviewPage(page);
    await page.goto(server.base);
    await overview.summary.waitFor();

    // The error group starts open, with its first findings and the count of the rest.
    const errors = overview.problemGroup('snat-allowlist');
    await expect(errors).toHaveAttribute('data-severity', 'error');
    const total = await overview.severityCount('error');
    expect(total).toBeGreaterThan(FIRST_FINDINGS);
    const items = errors.getByTestId('finding');
    await expect(items).toHaveCount(FIRST_FINDINGS);
    await expect(overview.showMore(errors)).toHaveText(`Show ${total - FIRST_FINDINGS} more findings of this rule`);
    await expect(items.first()).toBeInViewport();
    // The Services table starts within two screens, three on a phone (all ten findings put it at about five
    // screens there, fifty at twenty).
    expect((await overview.table.boundingBox())!.y).toBeLessThan((width < 640 ? 3 : 2) * height);
    await keepScreenshot(page, testInfo, `overview-findings-${width}`);

    // One click shows the rest, each finding once, and the button is gone.
    await overview.showMore(errors).click();
    await expect(items).toHaveCount(total);
    const ids = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-finding-id')));
    expect(new Set(ids).size).toBe(total);
    await expect(overview.showMore(errors)).toHaveCount(0);

    // A warning group starts closed; opened, it shows its first findings and the same button.
    const warnings = overview.problemGroup('local-nodes-drop');
    await expect(warnings.locator(':scope > details')).not.toHaveAttribute('open', '');
    await overview.expandGroup(warnings);
    await expect(warnings.getByTestId('finding')).toHaveCount(FIRST_FINDINGS);
    await overview.showMore(warnings).click();
    await expect(warnings.getByTestId('finding')).toHaveCount(await overview.severityCount('warning'));
  });
}
