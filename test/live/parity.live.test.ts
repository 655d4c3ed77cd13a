// The live source's analysis equals the snapshot analysis of the same cluster: every Service type
// (ClusterIP, NodePort, LoadBalancer with a status-subresource ingress; Cluster and Local), kwok nodes
// in two zones with Calico IPIP tunnel addresses, NetworkPolicies and kube-proxy's ConfigMap, with
// ready endpoints published by the real EndpointSlice controller.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../lib/engine/types';
import { analyzeJson } from './harness/cli';
import { expectLiveEqualsSnapshot } from './harness/compare';
import { controlPlane } from './harness/controlplane';
import { startLive, type LiveHandle } from './harness/live-source';
import { createParityCluster, PARITY_LB_IPS, PARITY_NS, PARITY_SERVICES } from './harness/parity-cluster';

const cp = controlPlane();
const dir = mkdtempSync(join(tmpdir(), 'kubepath-parity-'));
let live: LiveHandle | null = null;

beforeAll(async () => {
  await createParityCluster(cp);
});

afterAll(async () => {
  await live?.close();
  rmSync(dir, { recursive: true, force: true });
});

const svc = (a: AnalysisResult, name: string) => {
  const s = a.services.find((x) => x.service === `${PARITY_NS}/${name}`);
  if (!s) throw new Error(`no ${PARITY_NS}/${name} in the analysis: ${a.services.map((x) => x.service).join(', ')}`);
  return s;
};

describe('live analysis = snapshot analysis of the same cluster', () => {
  it('kubepath analyze --kubeconfig (one-shot LIST) equals kubepath analyze -f of kubectl get -o json', async () => {
    const result = await expectLiveEqualsSnapshot(
      cp,
      dir,
      async () => (await analyzeJson(['--kubeconfig', cp.kubeconfig])).analysis,
    );

    // The comparison must be about a cluster that really holds what was built, not two empty answers.
    for (const s of PARITY_SERVICES) expect(svc(result, s.name).endpoints.ready, s.name).toBe(s.endpoints);
    expect(svc(result, 'orphan').endpoints.total).toBe(0);
    for (const [name, ip] of Object.entries(PARITY_LB_IPS)) {
      expect(
        svc(result, name)
          .entries.filter((e) => e.kind === 'loadBalancerIP')
          .map((e) => e.address),
      ).toEqual([ip]);
    }
    expect(svc(result, 'web-lb-local').externalTrafficPolicy).toBe('Local');
    expect(svc(result, 'api-nodeport').entries.some((e) => e.kind === 'nodePort')).toBe(true);
    expect(svc(result, 'db').type).toBe('ClusterIP');
    expect(result.dataplane).toMatchObject({
      proxyMode: 'iptables',
      proxyModeSource: 'kube-proxy-configmap',
      clusterCIDRs: ['10.244.0.0/16'],
      cni: 'calico',
      overlay: 'ipip',
    });
    expect(result.summary.networkPolicies).toBeGreaterThanOrEqual(4);
    const ids = result.findings.map((f) => f.id);
    expect(ids).toContain(`no-endpoints/${PARITY_NS}/orphan`);
    expect(ids).toContain(`nodeport-local-no-endpoint/${PARITY_NS}/api-nodeport-local`);
    // NetworkPolicies were read: the default-deny namespace gives decided verdicts, not unknown.
    const webPods = svc(result, 'web-lb-local').paths.Local.pods;
    expect(webPods.length).toBe(3);
    expect(webPods.every((p) => p.policy !== 'unknown')).toBe(true);
  });

  it('the in-process live source (informers) converges to the same analysis', async () => {
    live = await startLive({ kubeconfig: cp.kubeconfig });
    await live.waitSynced(60_000);
    const result = await expectLiveEqualsSnapshot(cp, dir, () => live!.analysis(), { settleMs: 10_000 });
    for (const s of PARITY_SERVICES) expect(svc(result, s.name).endpoints.ready, s.name).toBe(s.endpoints);
    const status = live.status();
    expect(status.state).toBe('synced');
    expect(status.unavailableKinds).toEqual([]);
  });
});
