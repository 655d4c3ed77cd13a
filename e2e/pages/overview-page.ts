// Page object for the overview `/`: summary, problems (grouped findings, severity badges), filters,
// Services table, pager, notices.
import type { Locator, Page } from '@playwright/test';
import type { Severity } from '../../lib/engine/types';
import { AppHeader } from './app-header';

/** Filter selects of the overview, by their URL parameter name. */
export type OverviewFilter = 'ns' | 'type' | 'policy' | 'severity' | 'app';

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
  /** Findings grouped by severity and rule, in the problems section. */
  readonly problemGroups: Locator;
  /** The active rule filter (a chip among the filters), when there is one. */
  readonly ruleFilter: Locator;
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
    this.problemGroups = this.findings.getByTestId('problem-group');
    this.ruleFilter = page.getByTestId('filter-rule');
    this.urlNotices = page.getByTestId('url-notices');
    this.sourceErrors = page.getByTestId('source-errors');
    this.pagination = page.getByTestId('pagination');
  }

  /** Opens the overview with a raw query string (e.g. `?ns=shop`). */
  async goto(query = ''): Promise<void> {
    await this.page.goto(`/${query}`);
    await this.summary.waitFor();
  }

  /** The "4 error" style toggle of one severity in the problems section. */
  severityBadge(severity: Severity): Locator {
    return this.page.getByTestId(`severity-filter-${severity}`);
  }

  /** The count a severity badge shows. */
  async severityCount(severity: Severity): Promise<number> {
    return Number(await this.severityBadge(severity).getAttribute('data-count'));
  }

  /** The problem group of one rule. */
  problemGroup(rule: string): Locator {
    return this.problemGroups.and(this.page.locator(`[data-rule="${rule}"]`));
  }

  /** Opens one problem group (a click on its summary line) unless it is open already. */
  async expandGroup(group: Locator): Promise<void> {
    const details = group.locator(':scope > details'); // not its findings' own "Fix as YAML" details
    if ((await details.getAttribute('open')) === null) await details.locator(':scope > summary').click();
  }

  /** The "Show N more findings of this rule" button of one group (an expanded group shows its first few). */
  showMore(group: Locator): Locator {
    return group.getByTestId('problem-show-more');
  }

  /** Opens every problem group and shows each one's findings in full. */
  async showAllFindings(): Promise<void> {
    for (const group of await this.problemGroups.all()) {
      await this.expandGroup(group);
      if (await this.showMore(group).isVisible()) await this.showMore(group).click();
    }
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
