// Page object for what every page has around its content: the skip link, the main region, the icon.
import type { Locator, Page } from '@playwright/test';

/** The parts of any page that the layout provides. */
export class SiteChrome {
  readonly skipLink: Locator;
  readonly main: Locator;
  readonly iconLink: Locator;

  constructor(readonly page: Page) {
    this.skipLink = page.getByTestId('skip-link');
    this.main = page.locator('main').first();
    this.iconLink = page.locator('link[rel="icon"]').first();
  }

  /** Tabs from the top of the page to the skip link (the first tab stop) and follows it with Enter. */
  async skipToContent(): Promise<void> {
    await this.page.locator('body').focus();
    await this.page.keyboard.press('Tab');
    await this.skipLink.waitFor({ state: 'visible' });
    await this.page.keyboard.press('Enter');
  }

  /** Is the page's main region (or something inside it) focused? */
  async mainHasFocus(): Promise<boolean> {
    return this.main.evaluate((el) => el === document.activeElement || el.contains(document.activeElement));
  }
}
