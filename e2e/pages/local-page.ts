// Page object for `/local`: open snapshot files in the browser.
import type { Locator, Page } from '@playwright/test';
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
}
