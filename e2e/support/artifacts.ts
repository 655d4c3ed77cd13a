// Screenshots kept as test artifacts (test-results/<test>/ and the HTML report), whatever the outcome.
import type { Page, TestInfo } from '@playwright/test';

/** Takes a full-page screenshot and attaches it to the test. */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Records every JavaScript dialog (alert/confirm/prompt) the page opens, dismissing it. */
export function recordDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', (dialog) => {
    seen.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return seen;
}
