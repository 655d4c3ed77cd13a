// Page object for the header's demo cluster switcher (demo mode): the drop-down, its error for an unknown
// `?demo=`, and switching (which opens the chosen cluster's overview at `/?demo=<id>`).
import type { Locator, Page } from '@playwright/test';

/** The demo switcher in the page header. */
export class DemoSwitcher {
  readonly select: Locator;
  readonly error: Locator;
  /** The "Demo cluster: <title>" badge next to it. */
  readonly sourceBadge: Locator;
  /** On the overview: what the demo cluster shows, and the link to the Service to open first. */
  readonly intro: Locator;
  readonly introLink: Locator;

  constructor(readonly page: Page) {
    const header = page.getByTestId('app-header');
    this.select = header.getByTestId('demo-switcher');
    this.error = header.getByTestId('demo-switcher-error');
    this.sourceBadge = header.getByTestId('source-badge');
    this.intro = header.getByTestId('demo-intro');
    this.introLink = this.intro.getByTestId('demo-intro-link');
  }

  /** The id of the demo cluster the page shows (what the server rendered it with). */
  async active(): Promise<string> {
    return (await this.select.getAttribute('data-active')) ?? '';
  }

  /** Every option (id, shown name, and the label of its group), in order. */
  async options(): Promise<{ id: string; name: string; group: string }[]> {
    return this.select.locator('option').evaluateAll((els) =>
      els.map((o) => ({
        id: (o as HTMLOptionElement).value,
        name: o.textContent ?? '',
        group: o.parentElement?.getAttribute('label') ?? '',
      })),
    );
  }

  /** Picks a demo cluster and waits for its overview. */
  async choose(id: string): Promise<void> {
    await this.select.selectOption(id);
    await this.page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('demo') === id);
    // The page of the new cluster has rendered (the switcher's data-active comes from the server).
    await this.page.locator(`[data-testid="demo-switcher"][data-active="${id}"]`).waitFor();
  }
}
