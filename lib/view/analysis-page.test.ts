import { describe, expect, it } from 'vitest';
import { analyzeObjects } from '../engine/facade';
import { DEMO_CLUSTERS } from '../demo';
import { generateCluster } from '../../bench/generate';
import {
  analysisPage,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  MAX_ROUTES_PER_SERVICE,
  parsePageQuery,
} from './analysis-page';

const { analysis } = analyzeObjects(DEMO_CLUSTERS[0].load());

describe('analysisPage', () => {
  it('answers a page of Services in order with exactly their findings, and says how many there are', () => {
    const { analysis: page, page: info } = analysisPage(analysis, 2, 15);
    expect(page.services.map((s) => s.service)).toEqual(analysis.services.slice(15, 30).map((s) => s.service));
    const onPage = new Set(page.services.map((s) => s.service));
    expect(page.findings).toEqual(analysis.findings.filter((f) => f.service === null || onPage.has(f.service)));
    expect(page.summary).toEqual(analysis.summary);
    expect(info).toEqual({
      page: 2,
      pageSize: 15,
      services: analysis.services.length,
      pages: Math.ceil(analysis.services.length / 15),
      findings: analysis.findings.length,
      warnings: analysis.warnings.length,
      routesOmitted: 0,
    });
  });

  it('the default page holds the whole demo cluster; a page past the end is empty', () => {
    expect(analysis.services.length).toBeLessThan(DEFAULT_PAGE_SIZE);
    expect(analysisPage(analysis, 1, DEFAULT_PAGE_SIZE).analysis.services).toEqual(analysis.services);
    expect(analysisPage(analysis, 9, DEFAULT_PAGE_SIZE).analysis.services).toEqual([]);
  });
});

describe('analysisPage of a proxy serving many routes', () => {
  // 1,000 Services, one Ingress per 10 (class nginx) served by every ingress-nginx proxy Service (one per 100).
  const big = analyzeObjects(generateCluster({ nodes: 100, pods: 3000, services: 1000, networkPolicies: 40 })).analysis;
  const proxies = big.services.filter((s) => (s.frontDoor?.routes.length ?? 0) > MAX_ROUTES_PER_SERVICE);

  it('lists at most MAX_ROUTES_PER_SERVICE routes per Service and counts the rest', () => {
    expect(proxies.length).toBeGreaterThan(0);
    let omitted = 0;
    let listed = 0;
    for (let p = 1; p <= Math.ceil(big.services.length / MAX_PAGE_SIZE); p++) {
      const { analysis: page, page: info } = analysisPage(big, p, MAX_PAGE_SIZE);
      for (const s of page.services) {
        expect(s.frontDoor?.routes.length ?? 0).toBeLessThanOrEqual(MAX_ROUTES_PER_SERVICE);
        listed += s.frontDoor?.routes.length ?? 0;
      }
      omitted += info.routesOmitted;
    }
    // Nothing lost silently: listed + omitted = every route of every Service.
    expect(listed + omitted).toBe(big.services.reduce((n, s) => n + (s.frontDoor?.routes.length ?? 0), 0));
    expect(omitted).toBe(proxies.reduce((n, s) => n + s.frontDoor!.routes.length - MAX_ROUTES_PER_SERVICE, 0));
    // The first routes are kept, in the analysis's order; the analysis itself is untouched.
    const first = proxies[0];
    const onPage = analysisPage(big, 1, MAX_PAGE_SIZE)
      .analysis.services.concat(analysisPage(big, 2, MAX_PAGE_SIZE).analysis.services)
      .find((s) => s.service === first.service)!;
    expect(onPage.frontDoor!.routes).toEqual(first.frontDoor!.routes.slice(0, MAX_ROUTES_PER_SERVICE));
    expect(first.frontDoor!.routes.length).toBe(100);
  });

  it('a page grows with its own Services, not with the cluster: twice the cluster, the same first page', () => {
    // Twice the Services, Ingresses and pods on the same nodes: every proxy serves twice the routes.
    const twice = analyzeObjects(
      generateCluster({ nodes: 100, pods: 6000, services: 2000, networkPolicies: 80 }),
    ).analysis;
    const size = (a: typeof big) => JSON.stringify(analysisPage(a, 1, DEFAULT_PAGE_SIZE)).length;
    expect(JSON.stringify(twice).length).toBeGreaterThan(JSON.stringify(big).length * 1.8);
    // Without the per-Service cap the proxies' extra routes alone make it ~14% larger.
    expect(size(twice)).toBeLessThan(size(big) * 1.05);
  });
});

describe('parsePageQuery', () => {
  it('defaults, accepts whole numbers in range and rejects the rest', () => {
    expect(parsePageQuery(null, null)).toEqual({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
    expect(parsePageQuery('3', '20')).toEqual({ page: 3, pageSize: 20 });
    for (const [p, s] of [
      ['0', null],
      ['-1', null],
      ['1.5', null],
      [null, String(MAX_PAGE_SIZE + 1)],
      [null, '0'],
      [null, 'all'],
    ])
      expect(parsePageQuery(p, s)).toHaveProperty('error');
  });
});
