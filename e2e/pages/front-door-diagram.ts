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

  /** One front-door box. */
  box(policy: Policy, kind: DoorBox): Locator {
    return this.diagram(policy).getByTestId(BOX[kind]);
  }

  /** The fact line `label: value` a box draws (cut to the box width). */
  fact(policy: Policy, kind: DoorBox, label: string): Locator {
    return this.box(policy, kind).locator(`[data-testid="diagram-fact"][data-label="${label}"]`);
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
