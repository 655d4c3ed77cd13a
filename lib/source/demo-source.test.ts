import { describe, expect, it } from 'vitest';
import { DEMO_CLUSTERS } from '../demo';
import { createDemoSource } from './demo-source';

describe('demo source', () => {
  it('serves the default demo cluster once, labelled with its title', async () => {
    const source = createDemoSource(undefined, () => new Date('2026-01-01T00:00:00Z'));
    const view = await source.current();
    expect(view.source).toEqual({
      kind: 'demo',
      label: DEMO_CLUSTERS[0].title,
      loadedAt: '2026-01-01T00:00:00.000Z',
      errors: [],
      warnings: [],
    });
    expect(view.model.services.size).toBe(view.analysis.services.length);
    expect(view.model.services.has('storefront/storefront-web')).toBe(true);
    expect(await source.current()).toBe(view);
  });
});
