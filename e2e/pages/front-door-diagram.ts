// Page object for the front-door part of a Service page's path diagram: the load-balancer box (by kind), the
// proxy box with its route and header values, the sidecar and the application's box, with their fact lines
// and the tooltip that shows the facts whole.
import type { Locator, Page } from '@playwright/test';
import type { Policy } from './service-page';

/** Front-door boxes of the diagram, by their test id. */
const BOX: Record<'loadBalancer' | 'proxy' | 'sidecar' | 'app', string> = {
  loadBalancer: 'diagram-lb',
  proxy: 'diagram-l7-proxy',
  sidecar: 'diagram-sidecar',
  app: 'diagram-app',
};

/** A front-door box kind. */
export type DoorBox = keyof typeof BOX;

/** The diagram's front-door boxes. */
export class FrontDoorDiagram {
  readonly tooltip: Locator;

  constructor(readonly page: Page) {
    this.tooltip = page.getByTestId('hop-tooltip');
  }

  /** The diagram <svg> of one policy. */
  diagram(policy: Policy): Locator {
    return this.page.locator(`[data-testid="path-diagram-svg"][data-policy="${policy}"]`);
  }

  /** `data-column` of the diagram's column headers, left to right. */
  async columns(policy: Policy): Promise<string[]> {
    return this.diagram(policy)
      .getByTestId('diagram-column')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-column') ?? ''));
  }

  /** The front-door boxes after the pods (or the load balancer), in path order: `proxy`, `sidecar`, `app`. */
  async doorOrder(policy: Policy): Promise<string[]> {
    const kinds = Object.fromEntries(Object.entries(BOX).map(([k, v]) => [v, k]));
    const ids = await this.diagram(policy)
      .locator('[data-testid="diagram-l7-proxy"], [data-testid="diagram-sidecar"], [data-testid="diagram-app"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
    return ids.map((id) => kinds[id]);
  }

  /** The caption above a front-door box stacked under the pods (its column's title). */
  caption(policy: Policy, kind: DoorBox): Locator {
    return this.box(policy, kind).getByTestId('diagram-caption');
  }

  /** One front-door box. */
  box(policy: Policy, kind: DoorBox): Locator {
    return this.diagram(policy).getByTestId(BOX[kind]);
  }

  /** The drawn lines of one fact of a box: `label: value`, or the label and the value on two lines. */
  factLines(policy: Policy, kind: DoorBox, label: string): Locator {
    return this.box(policy, kind).locator(`[data-testid="diagram-fact"][data-label="${label}"]`);
  }

  /** A fact as the box draws it, its lines joined by a space (cut to the box width). */
  async fact(policy: Policy, kind: DoorBox, label: string): Promise<string> {
    await this.factLines(policy, kind, label).first().waitFor();
    return (await this.factLines(policy, kind, label).allTextContents()).join(' ');
  }

  /** Hovers a box and returns the tooltip's facts (whole values) as `{ label: value }`. */
  async tooltipFacts(policy: Policy, kind: DoorBox): Promise<Record<string, string>> {
    await this.box(policy, kind).hover();
    await this.tooltip.getByTestId('hop-tooltip-facts').waitFor();
    const pairs = await this.tooltip
      .locator('[data-testid="hop-tooltip-facts"] > div')
      .evaluateAll((divs) =>
        divs.map((d) => [d.querySelector('dt')?.textContent ?? '', d.querySelector('dd')?.textContent ?? ''] as const),
      );
    return Object.fromEntries(pairs);
  }
}
