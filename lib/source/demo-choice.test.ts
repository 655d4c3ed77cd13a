import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../demo/catalog';
import { chooseDemo, defaultDemoId, demoParamError } from './demo-choice';

describe('the default demo cluster', () => {
  it('is northwind-prod unless KUBEPATH_DEMO names another', () => {
    expect(defaultDemoId(undefined)).toBe('northwind-prod');
    expect(defaultDemoId('  ')).toBe('northwind-prod');
    expect(defaultDemoId(' kong-aws ')).toBe('kong-aws');
  });

  it('refuses an unknown KUBEPATH_DEMO, listing the valid ids', () => {
    expect(() => defaultDemoId('kong')).toThrow(
      `KUBEPATH_DEMO: "kong" is not an embedded demo cluster; the demo clusters are: ${DEMO_IDS.join(', ')}`,
    );
  });
});

describe('the demo cluster a request shows', () => {
  it('is the URL parameter, else the cookie, else the default', () => {
    expect(chooseDemo({ param: 'kong-aws', cookie: 'tke-four-ways' }, 'northwind-prod')).toEqual({
      id: 'kong-aws',
      error: null,
    });
    expect(chooseDemo({ param: null, cookie: 'tke-four-ways' }, 'northwind-prod')).toEqual({
      id: 'tke-four-ways',
      error: null,
    });
    expect(chooseDemo({ param: '', cookie: null }, 'northwind-edge')).toEqual({ id: 'northwind-edge', error: null });
    expect(chooseDemo({}, 'northwind-prod')).toEqual({ id: 'northwind-prod', error: null });
  });

  it('reports an unknown parameter and shows the cookie or default instead; ignores an unknown cookie', () => {
    const bad = chooseDemo({ param: 'kong-gcp', cookie: 'pomerium-gke' }, 'northwind-prod');
    expect(bad.id).toBe('pomerium-gke');
    expect(bad.error).toBe(`"kong-gcp" is not an embedded demo cluster; the demo clusters are: ${DEMO_IDS.join(', ')}`);
    expect(chooseDemo({ cookie: 'retired-story' }, 'northwind-prod')).toEqual({ id: 'northwind-prod', error: null });
  });

  it('checks a route parameter: absent or valid is fine, anything else is an error naming the ids', () => {
    expect(demoParamError(null)).toBeNull();
    expect(demoParamError('')).toBeNull();
    expect(demoParamError('istio-proxy-protocol')).toBeNull();
    expect(demoParamError('../etc/passwd')).toContain('is not an embedded demo cluster');
  });
});
