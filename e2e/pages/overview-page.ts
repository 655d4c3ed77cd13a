// Page object for the overview `/`: summary, filters, Services table, pager, findings, notices.
import type { Locator, Page } from '@playwright/test';
import { AppHeader } from './app-header';

/** Filter selects of the overview, by their URL parameter name. */
export type OverviewFilter = 'ns' | 'type' | 'policy' | 'severity';

/** The overview page. */
export class OverviewPage {
  readonly header: AppHeader;
  readonly summary: Locator;
  readonly dataplane: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly emptyTable: Locator;
  readonly servicesCount: Locator;
  readonly search: Locator;
  readonly findings: Locator;
  readonly findingItems: Locator;
  readonly urlNotices: Locator;
  readonly sourceErrors: Locator;
  readonly pagination: Locator;

  constructor(readonly page: Page) {
    this.header = new AppHeader(page);
    this.summary = page.getByTestId('summary');
    this.dataplane = page.getByTestId('dataplane-summary');
    this.table = page.getByTestId('services-table');
    this.rows = this.table.getByTestId('service-row');
    this.emptyTable = page.getByTestId('services-empty');
    this.servicesCount = page.getByTestId('services-count');
    this.search = page.getByTestId('filter-q');
    this.findings = page.getByTestId('findings-list');
    this.findingItems = this.findings.getByTestId('finding');
    this.urlNotices = page.getByTestId('url-notices');
    this.sourceErrors = page.getByTestId('source-errors');
    this.pagination = page.getByTestId('pagination');
  }

  /** Opens the overview with a raw query string (e.g. `?ns=shop`). */
  async goto(query = ''): Promise<void> {
    await this.page.goto(`/${query}`);
    await this.summary.waitFor();
  }

  /** The select of one filter. */
  filter(name: OverviewFilter): Locator {
    return this.page.getByTestId(`filter-${name}`);
  }

  /** Picks a filter value (empty string = all) and waits for the URL to follow. */
  async setFilter(name: OverviewFilter, value: string): Promise<void> {
    await this.filter(name).selectOption(value);
    await this.page.waitForURL((url) =>
      value === '' ? !url.searchParams.has(name) : url.searchParams.get(name) === value,
    );
  }

  /** Clicks a column header to sort by it. */
  async sortBy(column: string): Promise<void> {
    const before = this.page.url();
    await this.page.getByTestId(`sort-${column}`).click();
    await this.page.waitForURL((url) => url.href !== before);
  }

  /** `namespace/name` of the visible rows, in order. */
  async rowKeys(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-service-key') ?? ''));
  }

  /** The row of one Service. */
  row(key: string): Locator {
    return this.table.locator(`[data-testid="service-row"][data-service-key="${key.replace(/["\\]/g, '\\$&')}"]`);
  }

  /** A cell of a Service's row (`namespace`, `name`, `type`, `policy`, `endpoints`, `pods`, `preserved`, `findings`). */
  cell(key: string, column: string): Locator {
    return this.row(key).getByTestId(`cell-${column}`);
  }
}
