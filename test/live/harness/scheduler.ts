// Proof that kube-scheduler's own cache agrees with what kubectl shows, before a test relies on a
// placement. kubectl reads the API server; the scheduler places pods from its informer cache, which
// can trail the API server — most after the outage test restarts it (its watches back off, and RBAC
// answers 403 until the restarted authorizer has synced). A pod pinned to one node by hostname is
// bound once the scheduler sees that node as schedulable, and is reported Unschedulable once it
// sees the node cordoned: both are answers from the scheduler itself, not from the API server.
import type { ControlPlane } from './controlplane';
import { apply, getJson, kubectl, kubectlRaw } from './kubectl';
import { waitFor } from './wait';

/** Label on probe pods; no Service or spread constraint selects it. */
const PROBE_LABEL = 'kubepath.test/scheduler-probe';

interface PodJson {
  spec?: { nodeName?: string };
  status?: { conditions?: { type: string; status: string; reason?: string }[] };
}

function probePod(ns: string, name: string, node: string): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace: ns, name, labels: { [PROBE_LABEL]: 'true' } },
    spec: {
      nodeSelector: { 'kubernetes.io/hostname': node },
      // kwok fakes the kubelet: the image is never pulled.
      containers: [{ name: 'probe', image: 'registry.example/probe:1.0' }],
      terminationGracePeriodSeconds: 0,
    },
  };
}

/** Deletes a probe pod and waits until it is gone (kwok completes the deletion). */
async function removeProbe(cp: ControlPlane, ns: string, name: string): Promise<void> {
  await kubectl(cp, ['-n', ns, 'delete', 'pod', name, '--ignore-not-found', '--wait=false']);
  await waitFor(
    `probe pod ${ns}/${name} to be deleted`,
    async () => {
      const r = await kubectlRaw(cp, ['-n', ns, 'get', 'pod', name, '-o', 'name']);
      return { ok: r.code !== 0 && /NotFound/.test(r.stderr), seen: r.stdout.trim() || r.stderr.trim() };
    },
    { timeoutMs: 60_000, intervalMs: 200 },
  );
}

/**
 * Waits until kube-scheduler binds a pod pinned to each node (`schedulable`) or reports it
 * Unschedulable (`!schedulable`, e.g. after a cordon). Probe pods are removed afterwards.
 */
export async function waitForSchedulerView(
  cp: ControlPlane,
  ns: string,
  nodes: readonly string[],
  schedulable: boolean,
): Promise<void> {
  const names = nodes.map((n) => `kp-probe-${schedulable ? 'on' : 'off'}-${n}`);
  await apply(
    cp,
    nodes.map((n, i) => probePod(ns, names[i], n)),
  );
  try {
    await Promise.all(
      nodes.map((node, i) =>
        waitFor(
          `kube-scheduler to ${schedulable ? 'place a pod on' : 'refuse a pod for'} ${node}`,
          async () => {
            const p = await getJson<PodJson>(cp, ['-n', ns, 'pod', names[i]]);
            const cond = p.status?.conditions?.find((c) => c.type === 'PodScheduled');
            const ok = schedulable
              ? p.spec?.nodeName === node
              : cond?.status === 'False' && cond.reason === 'Unschedulable';
            return {
              ok,
              seen: `nodeName=${p.spec?.nodeName ?? '-'} PodScheduled=${cond?.status ?? '-'}/${cond?.reason ?? '-'}`,
            };
          },
          { timeoutMs: 90_000, intervalMs: 200 },
        ),
      ),
    );
  } finally {
    await Promise.all(names.map((name) => removeProbe(cp, ns, name)));
  }
}
