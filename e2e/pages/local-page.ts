// Page object for `/local`: open snapshot files in the browser.
import { expect, type Locator, type Page } from '@playwright/test';
import { AppHeader } from './app-header';
import { OverviewPage } from './overview-page';

/** The local-snapshot page; after opening files it shows the overview body. */
export class LocalPage {
  readonly header: AppHeader;
  readonly overview: OverviewPage;
  readonly disclaimer: Locator;
  readonly fileInput: Locator;
  readonly status: Locator;
  readonly sourceErrors: Locator;
  readonly servicePanel: Locator;
  /** The example `kubectl get` command. */
  readonly command: Locator;
  /** What each kind is for (one item per kind, `data-kind`). */
  readonly kinds: Locator;
  /** "Kinds these files hold none of" after a load. */
  readonly missingKinds: Locator;
  readonly closeSnapshot: Locator;
  /** The question asked before files that may need more memory than the tab has, and its two answers. */
  readonly memoryWarning: Locator;
  readonly openAnyway: Locator;
  readonly cancelOpen: Locator;

  constructor(readonly page: Page) {
    this.header = new AppHeader(page);
    this.overview = new OverviewPage(page);
    this.disclaimer = page.getByTestId('local-disclaimer');
    this.fileInput = page.getByTestId('local-file-input');
    this.status = page.getByTestId('local-status');
    this.sourceErrors = page.getByTestId('source-errors');
    this.servicePanel = page.getByTestId('local-service');
    this.command = page.getByTestId('local-command');
    this.kinds = page.getByTestId('local-kind');
    this.missingKinds = page.getByTestId('local-missing-kinds');
    this.closeSnapshot = page.getByTestId('local-forget');
    this.memoryWarning = page.getByTestId('local-memory-warning');
    this.openAnyway = page.getByTestId('local-open-anyway');
    this.cancelOpen = page.getByTestId('local-memory-cancel');
  }

  /** Opens /local. */
  async goto(): Promise<void> {
    await this.page.goto('/local');
    await this.fileInput.waitFor();
  }

  /** Picks files and waits for the analysis to finish. */
  async open(paths: string[]): Promise<void> {
    await this.fileInput.setInputFiles(paths);
    await this.status.filter({ hasText: /^Analysed/ }).waitFor();
  }

  /**
   * Waits until the overview shows the current filters (the worker computes each page; meanwhile the
   * previous page stays, dimmed and `aria-busy`).
   */
  async settled(): Promise<void> {
    await expect(this.page.locator('[aria-busy="true"]')).toHaveCount(0);
  }

  /**
   * Opens one Service's panel from the overview's name link and waits until it is drawn whole (the panel
   * draws its parts one after another and is `aria-busy` meanwhile).
   */
  async openServicePanel(key: string): Promise<void> {
    await this.overview.cell(key, 'name').getByRole('button').click();
    await expect(this.servicePanel).toHaveAttribute('data-service', key, { timeout: 60_000 });
    await expect(this.servicePanel).not.toHaveAttribute('aria-busy', 'true', { timeout: 60_000 });
  }

  /** Records main-thread long tasks (PerformanceObserver 'longtask') from now on, and every status text shown. */
  async watchMainThread(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[]; __statusTexts: string[] };
      w.__longTasks = [];
      w.__statusTexts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push(e.duration);
      }).observe({ type: 'longtask' });
      const status = document.querySelector('[data-testid="local-status"]')!;
      new MutationObserver(() => w.__statusTexts.push(status.textContent ?? '')).observe(status, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
  }

  /**
   * The long tasks (ms) and status texts recorded since watchMainThread(), once the tasks before this call have
   * been reported (long-task entries are delivered after their task; two frames and a task are waited for).
   */
  async mainThreadRecord(): Promise<{ longTasks: number[]; statusTexts: string[] }> {
    return this.page.evaluate(async () => {
      await new Promise<void>((done) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100))),
      );
      const w = window as unknown as { __longTasks: number[]; __statusTexts: string[] };
      return { longTasks: [...w.__longTasks], statusTexts: [...w.__statusTexts] };
    });
  }
}
