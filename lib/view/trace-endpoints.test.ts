import { describe, expect, it } from 'vitest';
import { analyzeObjects, traceInModel } from '../engine/facade';
import { MAX_INDIVIDUAL_ROWS } from '../util/merged-rows';
import { WEB, webObjects, webPods } from '../engine/testing/scenarios';
import type { TraceResult } from '../engine/types';
import { buildDiagramView } from './service-view';
import { endpointRows, traceView } from './trace-endpoints';
import { traceHighlight } from './trace-highlight';
import { traceHeadline } from './trace/headline';

/** The web scenario with `n` pods spread over its three nodes (a DaemonSet-like Service, 20 of them default-denied). */
function webWith(n: number, deny = false) {
  const endpoints = webPods(n);
  const policy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { namespace: 'default', name: 'deny-some' },
    spec: { podSelector: { matchLabels: { deny: 'yes' } }, policyTypes: ['Ingress'] },
  };
  const objects = webObjects({ endpoints, extra: deny ? [policy] : [] });
  // Every other pod of the first 40 carries the label the default-deny policy selects.
  for (const o of objects)
    if (o.kind === 'Pod' && /^web-\d+$/.test(o.metadata?.name ?? '')) {
      const i = Number(o.metadata!.name!.slice(4));
      if (deny && i < 40 && i % 2 === 0) o.metadata!.labels = { ...o.metadata!.labels, deny: 'yes' };
    }
  return analyzeObjects(objects);
}

/** A packet from outside to the web Service's load balancer, arriving at node-a, under `policy`. */
function traced(run: ReturnType<typeof webWith>, policy: 'Cluster' | 'Local'): TraceResult {
  return traceInModel(run.model, run.dataplane, {
    source: { kind: 'external', ip: WEB.externalClient },
    destination: { ip: WEB.lbIP, port: WEB.port, protocol: 'TCP' },
    atNode: 'node-a',
    policy,
  });
}

describe('endpointRows', () => {
  it('keeps each endpoint as its own row up to MAX_INDIVIDUAL_ROWS', () => {
    const r = traced(webWith(MAX_INDIVIDUAL_ROWS), 'Cluster');
    expect(r.endpoints).toHaveLength(MAX_INDIVIDUAL_ROWS);
    expect(endpointRows(r.endpoints)).toEqual(r.endpoints.map((e) => ({ ...e, count: 1, members: [e.pod ?? e.ip] })));
  });

  it('merges the endpoints a packet treats alike above it, each endpoint in exactly one row', () => {
    const r = traced(webWith(90, true), 'Cluster');
    expect(r.endpoints).toHaveLength(90);
    const rows = endpointRows(r.endpoints);
    // Masqueraded to node-a everywhere (Cluster), allowed at the 70 unlabelled pods, denied at the 20 labelled
    // ones — the 7 on node-a with a reason of their own (the policy may see the client there, before SNAT).
    expect(rows.map((x) => [x.policy, x.count, x.members[0]])).toEqual([
      ['denied', 7, 'default/web-00'],
      ['allowed', 70, 'default/web-01'],
      ['denied', 13, 'default/web-02'],
    ]);
    const members = rows.flatMap((x) => x.members);
    expect(members.sort()).toEqual(r.endpoints.map((e) => e.pod!).sort());
    for (const row of rows) {
      expect(row.pod).toBeNull();
      // The node when every pod of the row runs on it (node-a's 7), else none.
      const nodes = new Set(row.members.map((name) => r.endpoints.find((x) => x.pod === name)!.node));
      expect(row.node).toBe(nodes.size === 1 ? [...nodes][0] : null);
      for (const name of row.members) {
        const e = r.endpoints.find((x) => x.pod === name)!;
        expect([e.port, e.share, e.sourceIP, e.clientIPPreserved, e.policy]).toEqual([
          row.port,
          row.share,
          row.sourceIP,
          row.clientIPPreserved,
          row.policy,
        ]);
      }
    }
  });

  it('keeps apart endpoints whose reasons differ beyond their own names', () => {
    const base = traced(webWith(40), 'Cluster').endpoints;
    const odd = base.map((e, i) => (i === 7 ? { ...e, policyReason: `${e.policyReason} (another policy)` } : e));
    expect(endpointRows(odd).map((x) => x.count)).toEqual([39, 1]);
    expect(endpointRows(odd).find((x) => x.count === 1)!.pod).toBe(base[7].pod);
  });
});

describe('the dashboard trace (endpoints in rows) against the engine trace', () => {
  for (const policy of ['Cluster', 'Local'] as const) {
    it(`has the same headline and lights the same diagram boxes under ${policy}`, () => {
      const run = webWith(90, true);
      const r = traced(run, policy);
      const view = traceView(r);
      expect(traceHeadline(view)).toEqual(traceHeadline(r));
      const analysis = run.analysis.services.find((s) => s.service === 'default/web')!;
      const diagram = buildDiagramView(analysis, policy, { group: 12 });
      const ctx = { external: true, arrival: null };
      expect(traceHighlight(diagram, view, ctx)).toEqual(traceHighlight(diagram, r, ctx));
    });
  }

  it('is a few rows for 90 endpoints, and says how many it stands for', () => {
    const r = traced(webWith(90, true), 'Cluster');
    const view = traceView(r);
    expect(view.endpoints).toHaveLength(3);
    expect(traceHeadline(view).text).toMatch(
      /reaches 70 of 90 pods; blocked by NetworkPolicy default\/deny-some at 20/,
    );
    expect(JSON.stringify(view).length).toBeLessThan(JSON.stringify(r).length / 3);
  });
});
