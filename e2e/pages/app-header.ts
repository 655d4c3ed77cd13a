// Page object for the shared header: source badge, freshness, copy link, theme toggle.
import type { BrowserContext, Locator, Page } from '@playwright/test';

/** The header every page renders. */
export class AppHeader {
  readonly root: Locator;
  readonly sourceBadge: Locator;
  readonly dataplaneBadge: Locator;
  readonly freshness: Locator;
  readonly copyLinkButton: Locator;
  readonly themeToggle: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('app-header');
    this.sourceBadge = this.root.getByTestId('source-badge');
    this.dataplaneBadge = this.root.getByTestId('dataplane-badge');
    this.freshness = this.root.getByTestId('freshness');
    this.copyLinkButton = this.root.getByTestId('copy-link');
    this.themeToggle = this.root.getByTestId('theme-toggle');
  }

  /** Clicks "Copy link" and returns what landed on the clipboard. */
  async copyLink(context: BrowserContext): Promise<string> {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(this.page.url()).origin });
    await this.copyLinkButton.click();
    await this.root.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    return this.page.evaluate(() => navigator.clipboard.readText());
  }
}
