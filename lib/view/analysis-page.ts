// One page of an AnalysisResult for GET /api/analysis: at Kubernetes' scale limits the whole analysis is
// hundreds of MB, so the API answers a bounded page of Services (in the analysis's order) with their
// findings, the cluster-wide findings and warnings capped, and says how many there are. A proxy's Service
// lists every route it serves (an ingress controller: every Ingress of its class, 1,000 at the scale
// limits, ~130 KB), so a page lists a bounded number of them per Service; `?service=` answers them all.
import type { AnalysisResult } from '../engine/types';

/** Services per page when the request does not say. */
export const DEFAULT_PAGE_SIZE = 100;
/** Largest page a request may ask for. */
export const MAX_PAGE_SIZE = 500;
/** Most warnings and Service-less findings one response carries (their totals are given). */
export const MAX_LISTED = 500;
/** Most front-door routes one Service of a page lists (`page.routesOmitted` counts the rest). */
export const MAX_ROUTES_PER_SERVICE = 50;

/** Where a page sits in the whole. */
export interface PageInfo {
  /** 1-based page number. */
  page: number;
  pageSize: number;
  /** Services in the whole analysis, and pages of them. */
  services: number;
  pages: number;
  /** Totals of the lists the page shortened. */
  findings: number;
  warnings: number;
  /** Front-door routes left out of this page's Services (each lists at most MAX_ROUTES_PER_SERVICE). */
  routesOmitted: number;
}

/** Parses `page` and `pageSize` query values; an error message for values that are not whole numbers in range. */
export function parsePageQuery(
  page: string | null,
  pageSize: string | null,
): { page: number; pageSize: number } | { error: string } {
  const num = (v: string | null, fallback: number) => (v === null ? fallback : /^\d{1,9}$/.test(v) ? Number(v) : NaN);
  const p = num(page, 1);
  const size = num(pageSize, DEFAULT_PAGE_SIZE);
  if (!(p >= 1)) return { error: 'page must be a whole number ≥ 1' };
  if (!(size >= 1 && size <= MAX_PAGE_SIZE))
    return { error: `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}` };
  return { page: p, pageSize: size };
}

/** The Services of page `page`, their findings plus (capped) findings of no Service, and capped warnings. */
export function analysisPage(
  analysis: AnalysisResult,
  page: number,
  pageSize: number,
): { analysis: AnalysisResult; page: PageInfo } {
  const start = (page - 1) * pageSize;
  let routesOmitted = 0;
  const services = analysis.services.slice(start, start + pageSize).map((s) => {
    const routes = s.frontDoor?.routes ?? [];
    if (routes.length <= MAX_ROUTES_PER_SERVICE) return s;
    routesOmitted += routes.length - MAX_ROUTES_PER_SERVICE;
    return { ...s, frontDoor: { ...s.frontDoor!, routes: routes.slice(0, MAX_ROUTES_PER_SERVICE) } };
  });
  const onPage = new Set(services.map((s) => s.service));
  let unattached = 0;
  const findings = analysis.findings.filter((f) =>
    f.service === null ? unattached++ < MAX_LISTED : onPage.has(f.service),
  );
  return {
    analysis: { ...analysis, services, findings, warnings: analysis.warnings.slice(0, MAX_LISTED) },
    page: {
      page,
      pageSize,
      services: analysis.services.length,
      pages: Math.max(1, Math.ceil(analysis.services.length / pageSize)),
      findings: analysis.findings.length,
      warnings: analysis.warnings.length,
      routesOmitted,
    },
  };
}
