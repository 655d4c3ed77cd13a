// Page object for the overview's progress view while the server loads a snapshot (components/overview/
// LoadWatch.tsx): the steps of the load, the Services count and the bar.
import type { Locator, Page } from '@playwright/test';
import { AppHeader } from './app-header';

/** A step of the load, as `data-phase` names it. */
export type LoadStepPhase = 'reading' | 'modelling' | 'analysing' | 'rendering';

/** The progress view on `/`. */
export class LoadProgressView {
  readonly header: AppHeader;
  readonly root: Locator;
  readonly steps: Locator;
  /** "3,400 / 10,000 Services" beside the analysing step. */
  readonly services: Locator;
  readonly bar: Locator;

  constructor(readonly page: Page) {
    this.header = new AppHeader(page);
    this.root = page.getByTestId('load-progress');
    this.steps = this.root.getByTestId('load-step');
    this.services = this.root.getByTestId('load-services');
    this.bar = this.root.getByRole('progressbar', { name: 'Services analysed' });
  }

  /** Opens `url` and returns as soon as the response starts (not when the streamed page is complete). */
  async open(url: string): Promise<void> {
    await this.page.goto(url, { waitUntil: 'commit' });
  }

  step(phase: LoadStepPhase): Locator {
    return this.steps.and(this.page.locator(`[data-phase="${phase}"]`));
  }

  /** The Services analysed so far and all of them, from the count shown ("3,400 / 10,000 Services"). */
  async servicesCount(): Promise<{ done: number; total: number }> {
    const m = /^([\d,]+) \/ ([\d,]+) Services$/.exec((await this.services.textContent()) ?? '');
    if (!m) throw new Error('no Services count shown');
    return { done: Number(m[1].replaceAll(',', '')), total: Number(m[2].replaceAll(',', '')) };
  }
}
