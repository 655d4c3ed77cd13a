// What the real controllers did, read through kubectl: ready endpoints published by the
// EndpointSlice controller, where the scheduler put the pods, and node readiness (kwok).
import type { ControlPlane } from './controlplane';
import { getJson, kubectl } from './kubectl';
import { waitFor } from './wait';

interface SliceJson {
  endpoints?: { addresses: string[]; conditions?: { ready?: boolean }; nodeName?: string }[];
}

/** A Service's endpoints from its EndpointSlices: ready ones counted per node, plus how many are not ready. */
export async function endpointPlacement(
  cp: ControlPlane,
  ns: string,
  svc: string,
): Promise<{ perNode: Record<string, number>; notReady: number }> {
  const list = await getJson<{ items: SliceJson[] }>(cp, [
    '-n',
    ns,
    'endpointslices',
    '-l',
    `kubernetes.io/service-name=${svc}`,
  ]);
  const perNode: Record<string, number> = {};
  let notReady = 0;
  for (const e of list.items.flatMap((s) => s.endpoints ?? [])) {
    if (e.conditions?.ready !== true) notReady++;
    else perNode[e.nodeName ?? '?'] = (perNode[e.nodeName ?? '?'] ?? 0) + 1;
  }
  return { perNode, notReady };
}

/** Ready endpoint count per node, e.g. { 'kp-mv-a': 2, 'kp-mv-b': 1 } (nodes without endpoints are absent). */
export async function readyEndpointsPerNode(
  cp: ControlPlane,
  ns: string,
  svc: string,
): Promise<Record<string, number>> {
  return (await endpointPlacement(cp, ns, svc)).perNode;
}

/** Waits until the EndpointSlice controller publishes exactly `count` ready endpoints (and no not-ready ones) for a Service. */
export async function waitForReadyEndpoints(
  cp: ControlPlane,
  ns: string,
  svc: string,
  count: number,
  timeoutMs = 90_000,
): Promise<number> {
  const { ms } = await waitFor(
    `${count} ready endpoints of ${ns}/${svc}`,
    async () => {
      const list = await getJson<{ items: SliceJson[] }>(cp, [
        '-n',
        ns,
        'endpointslices',
        '-l',
        `kubernetes.io/service-name=${svc}`,
      ]);
      const eps = list.items.flatMap((s) => s.endpoints ?? []);
      const ready = eps.filter((e) => e.conditions?.ready === true).length;
      return { ok: ready === count && eps.length === count, seen: `${ready} ready of ${eps.length}` };
    },
    { timeoutMs, intervalMs: 300 },
  );
  return ms;
}

/**
 * Waits until every node of a label selector reports Ready (kwok's node-initialize stage) and is
 * schedulable: not cordoned and without NoSchedule/NoExecute taints (the node lifecycle controller
 * adds and removes those, and can trail kwok).
 */
export async function waitForNodesReady(cp: ControlPlane, selector: string, count: number): Promise<void> {
  type NodeJson = {
    spec?: { unschedulable?: boolean; taints?: { key: string; effect: string }[] };
    status?: { conditions?: { type: string; status: string }[] };
  };
  await waitFor(`${count} Ready, schedulable nodes (${selector})`, async () => {
    const list = await getJson<{ items: NodeJson[] }>(cp, ['nodes', '-l', selector]);
    const ready = list.items.filter((n) =>
      n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    );
    const usable = ready.filter(
      (n) =>
        !n.spec?.unschedulable &&
        !(n.spec?.taints ?? []).some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'),
    );
    return {
      ok: usable.length === count,
      seen: `${ready.length} of ${list.items.length} Ready, ${usable.length} schedulable`,
    };
  });
}

/** Waits until a namespace's default ServiceAccount exists (pods are rejected before that). */
export async function waitForDefaultServiceAccount(cp: ControlPlane, ns: string): Promise<void> {
  await waitFor(`ServiceAccount ${ns}/default`, async () => ({
    ok: (await kubectl(cp, ['-n', ns, 'get', 'serviceaccount', 'default', '-o', 'name'])).trim() !== '',
  }));
}

/** Running (not terminating) pods of an app, as name → node. */
export async function podsOf(
  cp: ControlPlane,
  ns: string,
  app: string,
): Promise<{ name: string; node: string | null }[]> {
  const list = await getJson<{
    items: { metadata: { name: string; deletionTimestamp?: string }; spec: { nodeName?: string } }[];
  }>(cp, ['-n', ns, 'pods', '-l', `app=${app}`]);
  return list.items
    .filter((p) => !p.metadata.deletionTimestamp)
    .map((p) => ({ name: p.metadata.name, node: p.spec.nodeName ?? null }));
}

/**
 * What the scheduler did, for a failure message: each pod of a namespace with its node or why it is
 * pending, and each node of a pool with its taints and cordon.
 */
export async function describePlacement(cp: ControlPlane, ns: string, poolSelector: string): Promise<string> {
  type PodJson = {
    metadata: { name: string; deletionTimestamp?: string };
    spec: { nodeName?: string };
    status?: { conditions?: { type: string; status: string; message?: string }[] };
  };
  type NodeJson = {
    metadata: { name: string };
    spec?: { unschedulable?: boolean; taints?: { key: string; effect: string }[] };
  };
  const [pods, nodes] = await Promise.all([
    getJson<{ items: PodJson[] }>(cp, ['-n', ns, 'pods']),
    getJson<{ items: NodeJson[] }>(cp, ['nodes', '-l', poolSelector]),
  ]);
  const podLines = pods.items.map((p) => {
    const sched = p.status?.conditions?.find((c) => c.type === 'PodScheduled');
    const where = p.spec.nodeName ?? `pending (${sched?.message ?? 'not scheduled yet'})`;
    return `pod ${p.metadata.name} → ${where}${p.metadata.deletionTimestamp ? ' [terminating]' : ''}`;
  });
  const nodeLines = nodes.items.map(
    (n) =>
      `node ${n.metadata.name}: ${n.spec?.unschedulable ? 'cordoned' : 'schedulable'}; taints ${JSON.stringify(n.spec?.taints ?? [])}`,
  );
  return [...podLines, ...nodeLines].join('\n  ');
}
