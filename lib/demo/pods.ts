// Expands a WorkloadSpec into the Pod objects its controller would have created, with the names,
// controller labels, ownerReferences, IPs and status that `kubectl get pods -o json` shows.
import { demoUID, fnv1a, k8sSuffix, k8sTemplateHash, k8sTime, timeBefore, type Obj } from './ids';
import type { ContainerSpec, ReplicaState, WorkloadSpec } from './spec-types';

/** A created pod, with what the EndpointSlice generator and the consistency checks need. */
export interface PodRecord {
  namespace: string;
  name: string;
  uid: string;
  labels: Record<string, string>;
  nodeName: string;
  /** status.podIPs (the node's addresses for hostNetwork pods). */
  ips: string[];
  hostNetwork: boolean;
  containers: ContainerSpec[];
  ready: boolean;
  terminating: boolean;
  succeeded: boolean;
  hostname: string | null;
  subdomain: string | null;
  /** When the pod last changed readiness (for the slices' last-change-trigger-time). */
  changedAt: string;
  obj: Obj;
}

/** What rendering pods needs from the cluster being built. */
export interface PodContext {
  snapshotMs: number;
  nodeUID(node: string): string;
  nodeInternalIPs(node: string): string[];
  allocatePodIPs(node: string): string[];
  resourceVersion(): string;
}

/** 64 hex digits derived from a seed (image digests, container ids). */
export function hex64(seed: string): string {
  return Array.from({ length: 8 }, (_, i) =>
    fnv1a(seed, 0x811c9dc5 ^ (i * 0x01000193))
      .toString(16)
      .padStart(8, '0'),
  ).join('');
}

const DEFAULT_TOLERATIONS: Obj[] = [
  { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
  { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
];

// The DaemonSet controller adds these to every daemon pod (pkg/controller/daemon/util AddOrUpdateDaemonPodTolerations).
function daemonTolerations(hostNetwork: boolean): Obj[] {
  const t: Obj[] = [
    { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists' },
    { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists' },
    { effect: 'NoSchedule', key: 'node.kubernetes.io/disk-pressure', operator: 'Exists' },
    { effect: 'NoSchedule', key: 'node.kubernetes.io/memory-pressure', operator: 'Exists' },
    { effect: 'NoSchedule', key: 'node.kubernetes.io/pid-pressure', operator: 'Exists' },
    { effect: 'NoSchedule', key: 'node.kubernetes.io/unschedulable', operator: 'Exists' },
  ];
  if (hostNetwork) t.push({ effect: 'NoSchedule', key: 'node.kubernetes.io/network-unavailable', operator: 'Exists' });
  return t;
}

function podName(w: WorkloadSpec, i: number, node: string, templateHash: string): string {
  switch (w.kind) {
    case 'Deployment':
      return `${w.name}-${templateHash}-${k8sSuffix(`${w.namespace}/${w.name}/${i}`, 5)}`;
    case 'StatefulSet':
      return `${w.name}-${i}`;
    case 'StaticPod':
      return `${w.name}-${node}`;
    default:
      return `${w.name}-${k8sSuffix(`${w.namespace}/${w.name}/${node}/${i}`, 5)}`;
  }
}

function controllerLabels(
  w: WorkloadSpec,
  name: string,
  i: number,
  templateHash: string,
  jobUID: string,
): Record<string, string> {
  switch (w.kind) {
    case 'Deployment':
      return { 'pod-template-hash': templateHash };
    case 'StatefulSet':
      return {
        'apps.kubernetes.io/pod-index': String(i),
        'controller-revision-hash': `${w.name}-${templateHash}`,
        'statefulset.kubernetes.io/pod-name': name,
      };
    case 'DaemonSet':
      return { 'controller-revision-hash': templateHash, 'pod-template-generation': '1' };
    case 'Job':
      return {
        'batch.kubernetes.io/controller-uid': jobUID,
        'batch.kubernetes.io/job-name': w.name,
        'controller-uid': jobUID,
        'job-name': w.name,
      };
    default:
      return {};
  }
}

function ownerReference(w: WorkloadSpec, node: string, templateHash: string, ctx: PodContext, jobUID: string): Obj {
  const owner = (apiVersion: string, kind: string, name: string, uid: string) => ({
    apiVersion,
    kind,
    name,
    uid,
    controller: true,
    ...(kind === 'Node' ? {} : { blockOwnerDeletion: true }),
  });
  switch (w.kind) {
    case 'Deployment': {
      const rs = `${w.name}-${templateHash}`;
      return owner('apps/v1', 'ReplicaSet', rs, demoUID(`ReplicaSet/${w.namespace}/${rs}`));
    }
    case 'StatefulSet':
      return owner('apps/v1', 'StatefulSet', w.name, demoUID(`StatefulSet/${w.namespace}/${w.name}`));
    case 'DaemonSet':
      return owner('apps/v1', 'DaemonSet', w.name, demoUID(`DaemonSet/${w.namespace}/${w.name}`));
    case 'Job':
      return owner('batch/v1', 'Job', w.name, jobUID);
    default:
      return owner('v1', 'Node', node, ctx.nodeUID(node));
  }
}

function imageID(image: string): string {
  const repo = image.replace(/:[^/:]+$/, '');
  return `${repo}@sha256:${hex64(`image:${image}`)}`;
}

function containerStatus(
  c: ContainerSpec,
  podKey: string,
  st: ReplicaState,
  startedAt: string,
  finishedAt: string,
): Obj {
  const base = {
    name: c.name,
    image: c.image,
    imageID: imageID(c.image),
    containerID: `containerd://${hex64(`${podKey}/${c.name}`)}`,
  };
  if (st.succeeded) {
    return {
      ...base,
      ready: false,
      restartCount: 0,
      started: false,
      lastState: {},
      state: { terminated: { exitCode: 0, reason: 'Completed', startedAt, finishedAt, containerID: base.containerID } },
    };
  }
  if (st.crashLoop) {
    return {
      ...base,
      ready: false,
      restartCount: st.crashLoop.restarts,
      started: false,
      lastState: {
        terminated: { exitCode: 1, reason: 'Error', startedAt: finishedAt, finishedAt, containerID: base.containerID },
      },
      state: {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off 5m0s restarting failed container=${c.name} pod=${podKey.split('/')[1]}`,
        },
      },
    };
  }
  return {
    ...base,
    ready: !st.notReady,
    restartCount: 0,
    started: true,
    lastState: {},
    state: { running: { startedAt } },
  };
}

function condition(type: string, ok: boolean, at: string, reason?: string, message?: string): Obj {
  return {
    lastProbeTime: null,
    lastTransitionTime: at,
    type,
    status: ok ? 'True' : 'False',
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

/** Creates the pods of one workload. */
export function renderWorkloadPods(w: WorkloadSpec, ctx: PodContext): PodRecord[] {
  const templateHash = k8sTemplateHash(`${w.kind}/${w.namespace}/${w.name}/template`);
  const jobUID = demoUID(`Job/${w.namespace}/${w.name}`);
  const hostNetwork = w.hostNetwork === true;
  return w.nodes.map((node, i) => {
    const name = podName(w, i, node, templateHash);
    const key = `${w.namespace}/${name}`;
    const st: ReplicaState = w.states?.[i] ?? {};
    const ips = hostNetwork ? ctx.nodeInternalIPs(node) : ctx.allocatePodIPs(node);
    const createdMs = st.createdAt
      ? Date.parse(st.createdAt)
      : timeBefore(ctx.snapshotMs, `created:${key}`, w.maxAgeDays ?? 21, 30);
    const at = (seconds: number) => k8sTime(createdMs + seconds * 1000);
    const startedAt = at(4 + (fnv1a(key) % 9));
    const readyAt = at(14 + (fnv1a(`${key}/ready`) % 30));
    const finishedAt = st.crashLoop ? k8sTime(ctx.snapshotMs - 95_000) : at(200 + (fnv1a(`${key}/done`) % 600));
    const ready = !st.notReady && !st.crashLoop && !st.succeeded;
    const changedAt = st.terminatingSince ?? (st.crashLoop ? finishedAt : readyAt);
    const labels = { ...w.labels, ...controllerLabels(w, name, i, templateHash, jobUID) };
    const isSts = w.kind === 'StatefulSet' && w.serviceName;
    const grace = w.terminationGracePeriodSeconds ?? 30;
    const metadata: Obj = {
      ...(w.kind === 'Deployment' || w.kind === 'DaemonSet' || w.kind === 'Job'
        ? { generateName: name.slice(0, name.lastIndexOf('-') + 1) }
        : {}),
      name,
      namespace: w.namespace,
      uid: demoUID(`Pod/${key}`),
      resourceVersion: ctx.resourceVersion(),
      creationTimestamp: at(0),
      labels,
      ...(w.annotations ? { annotations: { ...w.annotations } } : {}),
      ownerReferences: [ownerReference(w, node, templateHash, ctx, jobUID)],
    };
    if (st.terminatingSince) {
      // deletionTimestamp is the deadline: request time + grace period (kubelet kills after it).
      metadata.deletionTimestamp = k8sTime(Date.parse(st.terminatingSince) + grace * 1000);
      metadata.deletionGracePeriodSeconds = grace;
    }
    const containers = w.containers.map((c) => ({
      name: c.name,
      image: c.image,
      imagePullPolicy: 'IfNotPresent',
      ...(c.command ? { command: c.command } : {}),
      ...(c.args ? { args: c.args } : {}),
      ...(c.env ? { env: c.env } : {}),
      ...(c.ports
        ? {
            ports: c.ports.map((p) => ({
              ...(p.name ? { name: p.name } : {}),
              containerPort: p.containerPort,
              protocol: p.protocol ?? 'TCP',
              ...(p.hostPort ? { hostPort: p.hostPort } : {}),
            })),
          }
        : {}),
      resources: c.resources ?? {},
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    }));
    const system =
      w.priorityClassName === 'system-node-critical'
        ? 2000001000
        : w.priorityClassName === 'system-cluster-critical'
          ? 2000000000
          : 0;
    const spec: Obj = {
      containers,
      dnsPolicy: hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst',
      enableServiceLinks: true,
      ...(hostNetwork ? { hostNetwork: true } : {}),
      ...(isSts ? { hostname: name, subdomain: w.serviceName } : {}),
      nodeName: node,
      ...(w.nodeSelector ? { nodeSelector: w.nodeSelector } : {}),
      preemptionPolicy: 'PreemptLowerPriority',
      priority: system,
      ...(w.priorityClassName ? { priorityClassName: w.priorityClassName } : {}),
      restartPolicy: w.kind === 'Job' ? 'Never' : 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      ...(w.kind === 'StaticPod'
        ? {}
        : { serviceAccount: w.serviceAccountName ?? 'default', serviceAccountName: w.serviceAccountName ?? 'default' }),
      terminationGracePeriodSeconds: grace,
      tolerations: [
        ...(w.tolerations ?? []),
        ...(w.kind === 'DaemonSet'
          ? daemonTolerations(hostNetwork)
          : w.kind === 'StaticPod'
            ? [{ effect: 'NoExecute', operator: 'Exists' }]
            : DEFAULT_TOLERATIONS),
      ],
    };
    const notReadyNames = `[${w.containers.map((c) => c.name).join(' ')}]`;
    const conditions = st.succeeded
      ? [
          condition('PodReadyToStartContainers', false, finishedAt),
          condition('Initialized', true, at(1), 'PodCompleted'),
          condition('Ready', false, finishedAt, 'PodCompleted'),
          condition('ContainersReady', false, finishedAt, 'PodCompleted'),
          condition('PodScheduled', true, at(0)),
        ]
      : [
          condition('PodReadyToStartContainers', true, at(3)),
          condition('Initialized', true, at(1)),
          ready
            ? condition('Ready', true, readyAt)
            : condition(
                'Ready',
                false,
                changedAt,
                'ContainersNotReady',
                `containers with unready status: ${notReadyNames}`,
              ),
          ready
            ? condition('ContainersReady', true, readyAt)
            : condition(
                'ContainersReady',
                false,
                changedAt,
                'ContainersNotReady',
                `containers with unready status: ${notReadyNames}`,
              ),
          condition('PodScheduled', true, at(0)),
        ];
    const hostIPs = ctx.nodeInternalIPs(node);
    const hasRequests = w.containers.some((c) => c.resources && Object.keys(c.resources).length > 0);
    const status: Obj = {
      phase: st.succeeded ? 'Succeeded' : 'Running',
      conditions,
      hostIP: hostIPs[0],
      hostIPs: hostIPs.map((ip) => ({ ip })),
      podIP: ips[0],
      podIPs: ips.map((ip) => ({ ip })),
      qosClass: hasRequests ? 'Burstable' : 'BestEffort',
      startTime: at(0),
      containerStatuses: w.containers.map((c) => containerStatus(c, key, st, startedAt, finishedAt)),
    };
    return {
      namespace: w.namespace,
      name,
      uid: metadata.uid as string,
      labels,
      nodeName: node,
      ips,
      hostNetwork,
      containers: w.containers,
      ready,
      terminating: Boolean(st.terminatingSince),
      succeeded: Boolean(st.succeeded),
      hostname: isSts ? name : null,
      subdomain: isSts ? (w.serviceName ?? null) : null,
      changedAt,
      obj: { apiVersion: 'v1', kind: 'Pod', metadata, spec, status },
    };
  });
}
