// Page object for the Service page `/services/<ns>/<name>`: the Cluster/Local diagrams, view toggle,
// hop tooltips and selection, trace form, export, pod-share charts, findings and policies.
import type { Download, Locator, Page } from '@playwright/test';
import { AppHeader } from './app-header';

/** A traffic policy as the page names it. */
export type Policy = 'Cluster' | 'Local';

/** Trace form inputs (empty fields keep the form's defaults). */
export interface TraceFields {
  from?: string;
  to?: string;
  port?: string;
  node?: string;
}

/** The Service page. */
export class ServicePage {
  readonly header: AppHeader;
  readonly root: Locator;
  readonly title: Locator;
  readonly facts: Locator;
  readonly viewToggle: Locator;
  readonly diagrams: Locator;
  readonly panels: Locator;
  readonly tooltip: Locator;
  readonly hopDetails: Locator;
  /** The selected hop's details under its step, on a phone. */
  readonly inlineHopDetails: Locator;
  readonly traceForm: Locator;
  readonly traceResults: Locator;
  readonly exportSvgButton: Locator;
  readonly exportPngButton: Locator;
  readonly findings: Locator;
  readonly policies: Locator;
  readonly urlNotices: Locator;
  readonly notFound: Locator;

  constructor(readonly page: Page) {
    this.header = new AppHeader(page);
    this.root = page.getByTestId('service-page');
    this.title = page.getByTestId('service-title');
    this.facts = page.getByTestId('service-facts');
    this.viewToggle = page.getByTestId('view-toggle');
    this.diagrams = page.getByTestId('diagrams');
    this.panels = page.getByTestId('policy-panel');
    this.tooltip = page.getByTestId('hop-tooltip');
    this.hopDetails = page.getByTestId('hop-details');
    this.inlineHopDetails = page.getByTestId('hop-details-inline');
    this.traceForm = page.getByTestId('trace-form');
    this.traceResults = page.getByTestId('trace-result');
    this.exportSvgButton = page.getByTestId('export-svg');
    this.exportPngButton = page.getByTestId('export-png');
    this.findings = page.getByTestId('service-finding');
    this.policies = page.getByTestId('service-policy');
    this.urlNotices = page.getByTestId('url-notices');
    this.notFound = page.getByTestId('service-not-found');
  }

  /** Opens a Service's page with an optional raw query (`?view=Local`) and waits for the diagrams to be interactive. */
  async goto(namespace: string, name: string, query = ''): Promise<void> {
    await this.page.goto(`/services/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}${query}`);
    await this.waitReady();
  }

  /** Waits until the page is rendered and hydrated (the view toggle reacts only after hydration). */
  async waitReady(): Promise<void> {
    await this.diagrams.waitFor();
    await this.page.waitForLoadState('networkidle');
  }

  /** The panel (card) of one policy. */
  panel(policy: Policy): Locator {
    return this.page.locator(`[data-testid="policy-panel"][data-policy="${policy}"]`);
  }

  /** The diagram <svg> of one policy. */
  diagram(policy: Policy): Locator {
    return this.panel(policy).getByTestId('path-diagram-svg');
  }

  /** The transform d3-zoom gave one policy's diagram (`translate(0,0) scale(1)` until it is panned or zoomed). */
  diagramTransform(policy: Policy): Promise<string | null> {
    return this.diagram(policy).locator('g[data-zoom-layer]').getAttribute('transform');
  }

  /**
   * [shown height, whole height, line height] (px) of each element of `texts`: a text cut to n lines shows at most
   * n line heights of a taller whole.
   */
  textHeights(texts: Locator): Promise<[number, number, number][]> {
    return texts.evaluateAll((els) =>
      els.map((e): [number, number, number] => [
        e.clientHeight,
        e.scrollHeight,
        parseFloat(getComputedStyle(e).lineHeight),
      ]),
    );
  }

  /** How far one policy's diagram scroller is scrolled sideways (px). */
  diagramScrollLeft(policy: Policy): Promise<number> {
    return this.panel(policy)
      .getByTestId('diagram-scroller')
      .evaluate((el) => el.scrollLeft);
  }

  /**
   * A one-finger swipe from one viewport point to another, as a phone's touchscreen sends it (Chrome DevTools
   * Protocol touch events: Playwright's touchscreen only taps). Needs a context with `hasTouch`.
   */
  async swipe(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
    const cdp = await this.page.context().newCDPSession(this.page);
    const at = (t: number) => [{ x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
    for (let i = 1; i <= 10; i++)
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(i / 10) });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
  }

  /** The phone's list of steps of one policy's path (shown instead of the diagram below the `sm` breakpoint). */
  steps(policy: Policy): Locator {
    return this.panel(policy).getByTestId('path-steps');
  }

  /** The boxes of the phone's list of steps, in order (a node row's kube-proxy box right after it). */
  stepBoxes(policy: Policy): Locator {
    return this.steps(policy).getByTestId('path-step-box');
  }

  /** On a phone, shows (or hides again) one policy's diagram under its steps. */
  async togglePhoneDiagram(policy: Policy): Promise<void> {
    await this.panel(policy).getByTestId('phone-diagram-toggle').click();
  }

  /** Pod boxes of one policy's diagram. */
  pods(policy: Policy): Locator {
    return this.diagram(policy).getByTestId('diagram-pod');
  }

  /** One pod box by `namespace/name`. */
  pod(policy: Policy, key: string): Locator {
    return this.diagram(policy).locator(`[data-testid="diagram-pod"][data-pod="${key}"]`);
  }

  /** Node boxes (individual and grouped) of one policy's diagram. */
  nodes(policy: Policy): Locator {
    return this.diagram(policy).getByTestId('diagram-node');
  }

  /** kube-proxy boxes (DNAT / DROP / REJECT) of one policy's diagram. */
  proxies(policy: Policy): Locator {
    return this.diagram(policy).getByTestId('diagram-proxy');
  }

  /** Edges of one policy's diagram. */
  edges(policy: Policy): Locator {
    return this.diagram(policy).getByTestId('diagram-edge');
  }

  /** NetworkPolicy verdicts (`data-verdict`) of a diagram's pod boxes, by pod key. */
  async podVerdicts(policy: Policy): Promise<Record<string, string>> {
    const pairs = await this.pods(policy).evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-pod') ?? '', e.getAttribute('data-verdict') ?? ''] as const),
    );
    return Object.fromEntries(pairs);
  }

  /** Edges into pod boxes of one policy's diagram. */
  edgesIntoPods(policy: Policy): Locator {
    return this.diagram(policy).locator('[data-testid="diagram-edge"][data-hop*=">pod:"]');
  }

  /** The trace headline (the outcome for the packet as a whole) of one policy. */
  traceHeadline(policy: Policy): Locator {
    return this.traceResult(policy).getByTestId('trace-headline');
  }

  /**
   * Rendered size in CSS pixels of every text run in the diagrams: computed font-size × the run's
   * screen scale (getScreenCTM: the SVG's viewBox scaling and any zoom), checked against the height of
   * its bounding box; with the run's text.
   */
  async diagramTextSizes(): Promise<{ text: string; px: number; boxHeight: number }[]> {
    return this.diagrams.locator('svg[data-testid="path-diagram-svg"]').evaluateAll((svgs) =>
      svgs.flatMap((svg) =>
        [...svg.querySelectorAll('text, tspan')]
          .filter((t) => t.tagName === 'tspan' || t.querySelector('tspan') === null)
          .filter((t) => (t.textContent ?? '').trim() !== '')
          .map((t) => {
            const el = t as SVGGraphicsElement;
            const scale =
              (el.tagName === 'tspan' ? (el.parentElement as unknown as SVGGraphicsElement) : el).getScreenCTM()?.a ??
              0;
            return {
              text: t.textContent ?? '',
              px: Math.round(parseFloat(getComputedStyle(t).fontSize) * scale * 100) / 100,
              boxHeight: Math.round(el.getBoundingClientRect().height * 100) / 100,
            };
          }),
      ),
    );
  }

  /** Client-group boxes of an in-cluster diagram. */
  clients(policy: Policy): Locator {
    return this.diagram(policy).locator('[data-testid="diagram-client"][data-kind="clientGroup"]');
  }

  /** Picks the path the diagrams draw. */
  async setPath(path: 'external' | 'in-cluster'): Promise<void> {
    await this.page.getByTestId(`path-${path}`).check({ force: true });
  }

  /** Bars of the pod-share chart of one policy. */
  shareBars(policy: Policy): Locator {
    return this.page.locator(`[data-testid="pod-share-chart"][data-policy="${policy}"] [data-testid="pod-share-bar"]`);
  }

  /** Items of the pod-share chart of one policy as narrow screens show it (a list, not the SVG). */
  shareItems(policy: Policy): Locator {
    return this.page.locator(`[data-testid="pod-share-chart"][data-policy="${policy}"] [data-testid="pod-share-item"]`);
  }

  /** Rendered font sizes (px) of every text in the pod-share chart of one policy, SVG or list, as drawn. */
  async shareChartTextSizes(policy: Policy): Promise<{ text: string; px: number }[]> {
    return this.page.locator(`[data-testid="pod-share-chart"][data-policy="${policy}"]`).evaluate((chart) =>
      [...chart.querySelectorAll('text, span, p')]
        .filter((t) => (t as HTMLElement | SVGElement).getClientRects().length > 0)
        .filter((t) => t.children.length === 0 && (t.textContent ?? '').trim() !== '')
        .map((t) => {
          const scale = t instanceof SVGGraphicsElement ? (t.getScreenCTM()?.a ?? 0) : 1;
          return {
            text: t.textContent ?? '',
            px: Math.round(parseFloat(getComputedStyle(t).fontSize) * scale * 100) / 100,
          };
        }),
    );
  }

  /** Exports the diagrams as SVG and parses the file in the page as a browser would. */
  async exportedSvg(): Promise<{ title: string; text: string; background: string; errors: number }> {
    const download = await this.export('svg');
    const xml = (await import('node:fs')).readFileSync((await download.path())!, 'utf8');
    return this.page.evaluate((x) => {
      const doc = new DOMParser().parseFromString(x, 'image/svg+xml');
      const bg = doc.documentElement.querySelector('rect');
      return {
        title: doc.documentElement.querySelector(':scope > title')?.textContent ?? '',
        text: doc.documentElement.textContent ?? '',
        background: bg?.getAttribute('style') ?? '',
        errors: doc.getElementsByTagName('parsererror').length,
      };
    }, xml);
  }

  /** Boxes and edges lit by a trace. */
  highlighted(policy: Policy): Locator {
    return this.diagram(policy).locator('[data-highlighted="true"]');
  }

  /** Pod key → share of traffic, read from the diagram's data attributes. */
  async podShares(policy: Policy): Promise<Record<string, number>> {
    const pairs = await this.pods(policy).evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-pod') ?? '', Number(e.getAttribute('data-share'))] as const),
    );
    return Object.fromEntries(pairs);
  }

  /** The text of a pod box (name, share and the source address it sees). */
  async podText(policy: Policy, key: string): Promise<string> {
    return (await this.pod(policy, key).textContent()) ?? '';
  }

  /** Picks a view (`both`, `Cluster`, `Local`). */
  async setView(view: 'both' | Policy): Promise<void> {
    await this.page.getByTestId(`view-${view}`).check({ force: true });
  }

  /** Fills and submits the trace form, then waits for the results. */
  async trace(fields: TraceFields): Promise<void> {
    const set = async (id: string, v: string | undefined) => {
      if (v !== undefined) await this.page.getByTestId(id).fill(v);
    };
    await set('trace-from', fields.from);
    await set('trace-to', fields.to);
    await set('trace-port', fields.port);
    await set('trace-node', fields.node);
    await this.page.getByTestId('trace-submit').click();
    await this.page.getByTestId('trace-submit').filter({ hasText: 'Trace' }).waitFor();
    await this.traceResults.first().waitFor();
  }

  /** The trace result of one policy. */
  traceResult(policy: Policy): Locator {
    return this.page.locator(`[data-testid="trace-result"][data-policy="${policy}"]`);
  }

  /** Clicks an export button and returns the download. */
  async export(kind: 'svg' | 'png'): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      (kind === 'svg' ? this.exportSvgButton : this.exportPngButton).click(),
    ]);
    return download;
  }
}
