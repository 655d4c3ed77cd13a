// Page object for the Service page's front-door section: per policy, the hop cards (load balancer,
// proxy, sidecar, application), the headers a hop writes, the client-IP answer, routes and "reached through".
import type { Locator, Page } from '@playwright/test';
import type { Policy } from './service-page';

/** Kinds of hop card. */
export type FrontDoorHopKind = 'loadBalancer' | 'proxy' | 'sidecar' | 'app';

/** The front-door section of a Service page. */
export class FrontDoorSection {
  readonly root: Locator;
  readonly routes: Locator;
  readonly behind: Locator;
  /** The one-line answer near the top of the page (the Service's own policy). */
  readonly summaryAnswer: Locator;

  constructor(readonly page: Page) {
    this.summaryAnswer = page.getByTestId('front-door-summary-answer');
    this.root = page.getByTestId('front-door');
    this.routes = this.root.getByTestId('front-door-route');
    this.behind = this.root.getByTestId('front-door-behind-link');
  }

  /** The block of one policy. */
  policy(policy: Policy): Locator {
    return this.root.locator(`[data-testid="front-door-policy"][data-policy="${policy}"]`);
  }

  /** The client-IP answer badge of one policy (`data-answer` = yes / no / partial / unknown). */
  answer(policy: Policy): Locator {
    return this.policy(policy).getByTestId('front-door-answer');
  }

  /** The hop cards of one policy, in path order. */
  hops(policy: Policy): Locator {
    return this.policy(policy).getByTestId('front-door-hop');
  }

  /** The hop card of one kind under one policy. */
  hop(policy: Policy, kind: FrontDoorHopKind): Locator {
    return this.policy(policy).locator(`[data-testid="front-door-hop"][data-kind="${kind}"]`);
  }

  /** The value cell of one header a hop writes. */
  header(policy: Policy, kind: FrontDoorHopKind, name: string): Locator {
    return this.hop(policy, kind).locator(`[data-testid="front-door-header"][data-header="${name}"] td`);
  }

  /** `data-kind` of each hop card of one policy. */
  async hopKinds(policy: Policy): Promise<string[]> {
    return this.hops(policy).evaluateAll((els) => els.map((e) => e.getAttribute('data-kind') ?? ''));
  }
}
