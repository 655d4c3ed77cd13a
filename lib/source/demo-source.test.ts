import { describe, expect, it } from 'vitest';
import { DEMO_CLUSTERS, findDemoCluster } from '../demo';
import { createDemoSource, demoSourceFor } from './demo-source';

describe('demo source', () => {
  it('serves the default demo cluster once, labelled with its title and id', async () => {
    const source = createDemoSource(undefined, () => new Date('2026-01-01T00:00:00Z'));
    const view = await source.current();
    expect(view.source).toEqual({
      kind: 'demo',
      label: DEMO_CLUSTERS[0].title,
      loadedAt: '2026-01-01T00:00:00.000Z',
      errors: [],
      warnings: [],
      demo: 'northwind-prod',
    });
    expect(view.model.services.size).toBe(view.analysis.services.length);
    expect(view.model.services.has('storefront/storefront-web')).toBe(true);
    expect(await source.current()).toBe(view);
  });

  it('serves a front-door story: Kong behind the NLB, the Classic ELB and the ALB', async () => {
    const view = await createDemoSource(findDemoCluster('kong-aws')).current();
    expect(view.source.demo).toBe('kong-aws');
    expect(view.source.label).toBe(findDemoCluster('kong-aws')!.title);
    const nlb = view.analysis.services.find((s) => s.service === 'kong/kong-nlb')!;
    expect(nlb.frontDoor?.proxy).toBe('kong');
    expect(nlb.frontDoor?.loadBalancer?.kind).toBe('aws-lbc-nlb-instance');
    expect(view.model.services.has('storefront/storefront-web')).toBe(false);
  });
});

describe('demoSourceFor', () => {
  it('keeps one source (and so one analysis) per demo cluster in the process', async () => {
    const kong = demoSourceFor('kong-aws');
    expect(demoSourceFor('kong-aws')).toBe(kong);
    expect(await demoSourceFor('kong-aws').current()).toBe(await kong.current());
    const tke = await demoSourceFor('tke-four-ways').current();
    expect(tke.source.demo).toBe('tke-four-ways');
    expect(tke).not.toBe(await kong.current());
  });

  it('refuses an id that names no demo cluster, listing the valid ones', () => {
    expect(() => demoSourceFor('kong')).toThrow(
      /"kong" is not an embedded demo cluster; the demo clusters are: northwind-prod, /,
    );
  });
});
