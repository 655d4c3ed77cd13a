// The cluster of the scale/move test: three kwok nodes in their own pool, a Deployment spread one pod
// per node (hostname topology spread, cordons honoured) behind a LoadBalancer Service with
// externalTrafficPolicy Local — the case where pods packed on one node get less traffic each.
import type { ControlPlane } from './controlplane';
import { podsOf, waitForDefaultServiceAccount, waitForNodesReady, waitForReadyEndpoints } from './cluster';
import { apply, kubectl, setLoadBalancerIngress } from './kubectl';
import { deployment, kwokNode, namespace, service } from './objects';
import { waitForSchedulerView } from './scheduler';

/** Namespace, app and Service of the scale/move test. */
export const MOVE = {
  ns: 'kp-move',
  app: 'echo',
  service: 'echo',
  pool: 'move',
  nodes: ['kp-mv-a', 'kp-mv-b', 'kp-mv-c'],
  lbIP: '203.0.113.20',
} as const;

/** Finding id of the Local imbalance on the test Service (rule/namespace/name). */
export const IMBALANCE_ID = `local-imbalance/${MOVE.ns}/${MOVE.service}`;

/** Creates the nodes, the 3-replica Deployment and the Local LoadBalancer; waits for 3 ready endpoints (one per node). */
export async function createMoveCluster(cp: ControlPlane): Promise<void> {
  await apply(cp, [
    kwokNode({ name: MOVE.nodes[0], ip: '192.0.2.31', podCIDR: '10.244.31.0/24', zone: 'zone-a', pool: MOVE.pool }),
    kwokNode({
      name: MOVE.nodes[1],
      ip: '192.0.2.32',
      podCIDR: '10.244.32.0/24',
      zone: 'zone-b',
      pool: MOVE.pool,
      ipipTunnel: '10.244.32.254',
    }),
    kwokNode({ name: MOVE.nodes[2], ip: '192.0.2.33', podCIDR: '10.244.33.0/24', zone: 'zone-c', pool: MOVE.pool }),
    namespace(MOVE.ns),
  ]);
  await waitForNodesReady(cp, `kubepath.test/pool=${MOVE.pool}`, 3);
  await waitForDefaultServiceAccount(cp, MOVE.ns);
  // The spread is only one per node if the scheduler already sees all three nodes as schedulable.
  await waitForSchedulerView(cp, MOVE.ns, MOVE.nodes, true);
  await apply(cp, [
    deployment({ ns: MOVE.ns, name: MOVE.app, replicas: 3, pool: MOVE.pool, spread: true }),
    service({
      ns: MOVE.ns,
      name: MOVE.service,
      app: MOVE.app,
      type: 'LoadBalancer',
      port: 80,
      externalTrafficPolicy: 'Local',
    }),
  ]);
  await setLoadBalancerIngress(cp, MOVE.ns, MOVE.service, [MOVE.lbIP]);
  await waitForReadyEndpoints(cp, MOVE.ns, MOVE.service, 3);
}

/** `kubectl scale deployment --replicas`. */
export async function scale(cp: ControlPlane, replicas: number): Promise<void> {
  await kubectl(cp, ['-n', MOVE.ns, 'scale', `deployment/${MOVE.app}`, `--replicas=${replicas}`]);
}

/** Cordons or uncordons nodes, and waits until the scheduler itself avoids or uses them. */
export async function cordon(cp: ControlPlane, nodes: readonly string[], on: boolean): Promise<void> {
  if (nodes.length === 0) return;
  await kubectl(cp, [on ? 'cordon' : 'uncordon', ...nodes]);
  await waitForSchedulerView(cp, MOVE.ns, nodes, !on);
}

/**
 * Moves one pod off `from`: deletes it (kwok's pod-delete stage completes the deletion) so the
 * ReplicaSet recreates it and the scheduler places it on an uncordoned node.
 */
export async function deleteOnePodOn(cp: ControlPlane, from: string): Promise<string> {
  const pod = (await podsOf(cp, MOVE.ns, MOVE.app)).find((p) => p.node === from);
  if (!pod) throw new Error(`no ${MOVE.app} pod on ${from}`);
  await kubectl(cp, ['-n', MOVE.ns, 'delete', 'pod', pod.name, '--wait=false']);
  return pod.name;
}
