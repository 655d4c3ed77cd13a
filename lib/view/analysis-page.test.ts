import { describe, expect, it } from 'vitest';
import { analyzeObjects } from '../engine/facade';
import { DEMO_CLUSTERS } from '../demo';
import { analysisPage, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, parsePageQuery } from './analysis-page';

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
    });
  });

  it('the default page holds the whole demo cluster; a page past the end is empty', () => {
    expect(analysis.services.length).toBeLessThan(DEFAULT_PAGE_SIZE);
    expect(analysisPage(analysis, 1, DEFAULT_PAGE_SIZE).analysis.services).toEqual(analysis.services);
    expect(analysisPage(analysis, 9, DEFAULT_PAGE_SIZE).analysis.services).toEqual([]);
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
