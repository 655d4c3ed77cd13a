import { describe, expect, it } from 'vitest';
import { DEMO_CLUSTERS } from '../../demo/index';
import { analyzeObjects, traceInModel } from '../../engine/facade';
import { buildServicePageData, findServiceAnalysis } from '../service-page-data';
import { inClusterHighlight, tracedPodOf } from './in-cluster-highlight';

const run = analyzeObjects(DEMO_CLUSTERS[0].load());
const svc = findServiceAnalysis(run.analysis, 'checkout', 'checkout-api')!;
const view = buildServicePageData(run.model, run.analysis, svc, { group: 12 }).paths['in-cluster'].panels.Cluster.view;
const pod = [...run.model.pods.keys()].find((k) => k.startsWith('storefront/storefront-api-'))!;

describe('inClusterHighlight', () => {
  it('lights the storefront client box, the ClusterIP, the proxy of the pod node and the three pods', () => {
    const trace = traceInModel(run.model, run.dataplane, {
      source: { kind: 'pod', pod },
      destination: { ip: '10.111.101.48', port: 80, protocol: 'TCP' },
    });
    expect(tracedPodOf(trace)).toBe(pod);
    const ids = inClusterHighlight(view, trace);
    expect(ids).toContain('Cluster:clients:ns:storefront');
    expect(ids).toContain('Cluster:ic-clusterip');
    expect(ids.filter((id) => id.startsWith('Cluster:pod:'))).toHaveLength(3);
    expect(ids.some((id) => id.startsWith('Cluster:ic-proxy:'))).toBe(true);
  });

  it('lights nothing on an external diagram', () => {
    const external = buildServicePageData(run.model, run.analysis, svc, { group: 12 }).paths.external.panels.Cluster
      .view;
    const trace = traceInModel(run.model, run.dataplane, {
      source: { kind: 'pod', pod },
      destination: { ip: '10.111.101.48', port: 80, protocol: 'TCP' },
    });
    expect(inClusterHighlight(external, trace)).toEqual([]);
  });
});
