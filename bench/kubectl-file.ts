// The benchmark's cluster as `kubectl get … -o json` writes it. The scenarios' files hold only the fields kubepath
// reads (103 MiB at the scale limits); kubectl also writes each pod's spec, status and annotations and each node's
// images and versions, indented by 4 spaces — at 150,000 pods more text than one JavaScript string holds, so
// kubepath reads such a file in parts (lib/snapshot/json-list-reader.ts). Used by bench/run.ts's kubectl-file
// stage: `node --import tsx bench/kubectl-file.ts SCALE FILE` writes the standard cluster so and prints
// `{"objects":…,"bytes":…}`.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { KubeObject } from '../lib/model/k8s';
import { generateCluster, sizeAt } from './generate';

const TIMESTAMP = '2026-11-30T08:15:42Z';
const DIGEST = '0f1e2d3c4b5a6978'.repeat(4);

type Raw = Record<string, any>; // generated JSON, shaped as the bench generator builds it

/**
 * A pod with what the API server and the kubelet add to a Deployment's pod (Kubernetes 1.34, `kubectl get pod
 * -o json` without managedFields, which kubectl hides since 1.21): owner, probes, resources, the service-account
 * token volume, default tolerations, five conditions and a container status — about 4 KB of indented JSON.
 */
export function kubectlPod(pod: Raw): Raw {
  const container = pod.spec.containers[0];
  return {
    ...pod,
    metadata: {
      ...pod.metadata,
      annotations: {
        'kubectl.kubernetes.io/restartedAt': TIMESTAMP,
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': '9090',
        ...pod.metadata.annotations,
      },
      creationTimestamp: TIMESTAMP,
      generateName: pod.metadata.name.replace(/-\d+$/, '-'),
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          blockOwnerDeletion: true,
          controller: true,
          kind: 'ReplicaSet',
          name: `${pod.metadata.labels?.app ?? 'app'}-6d9f8c7b5`,
          uid: '5f3c9a2e-1b7d-4e8f-9a6b-2c4d8e0f1a3b',
        },
      ],
      resourceVersion: '123456789',
      uid: 'a1b2c3d4-e5f6-4789-abcd-ef0123456789',
    },
    spec: {
      ...pod.spec,
      containers: [
        {
          ...container,
          env: [
            { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
            { name: 'LOG_LEVEL', value: 'info' },
            ...(container.env ?? []),
          ],
          imagePullPolicy: 'IfNotPresent',
          livenessProbe: probe('/healthz', 10),
          readinessProbe: probe('/ready', 5),
          resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          volumeMounts: [
            {
              mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
              name: 'kube-api-access-x7k2p',
              readOnly: true,
            },
          ],
        },
        ...pod.spec.containers.slice(1),
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: 'default',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
      tolerations: ['not-ready', 'unreachable'].map((t) => ({
        effect: 'NoExecute',
        key: `node.kubernetes.io/${t}`,
        operator: 'Exists',
        tolerationSeconds: 300,
      })),
      volumes: [serviceAccountVolume()],
    },
    status: {
      ...pod.status,
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(
        (type) => {
          const ready = pod.status.conditions?.find((c: Raw) => c.type === 'Ready')?.status ?? 'True';
          const status = type === 'Ready' || type === 'ContainersReady' ? ready : 'True';
          return { lastProbeTime: null, lastTransitionTime: TIMESTAMP, status, type };
        },
      ),
      containerStatuses: [
        {
          containerID: `containerd://${DIGEST}`,
          image: container.image,
          imageID: `registry.example/app@sha256:${DIGEST}`,
          lastState: {},
          name: container.name,
          ready: true,
          restartCount: 0,
          started: true,
          state: { running: { startedAt: TIMESTAMP } },
        },
      ],
      hostIPs: pod.status.hostIP ? [{ ip: pod.status.hostIP }] : undefined,
      qosClass: 'Burstable',
      startTime: TIMESTAMP,
    },
  };
}

/** A node with the kubelet's status: 40 cached images (a node's list is capped at 50), versions, capacity. */
export function kubectlNode(node: Raw): Raw {
  return {
    ...node,
    metadata: {
      ...node.metadata,
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
        ...node.metadata.annotations,
      },
      creationTimestamp: TIMESTAMP,
      resourceVersion: '987654321',
      uid: 'b1b2c3d4-e5f6-4789-abcd-ef0123456789',
    },
    status: {
      ...node.status,
      allocatable: { cpu: '3920m', 'ephemeral-storage': '95551679124', memory: '15212520Ki', pods: '110' },
      capacity: { cpu: '4', 'ephemeral-storage': '103687148Ki', memory: '16393512Ki', pods: '110' },
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      images: Array.from({ length: 40 }, (_, i) => ({
        names: [`registry.example/team-${i}/service@sha256:${DIGEST}`, `registry.example/team-${i}/service:v1.${i}.0`],
        sizeBytes: 50_000_000 + i * 1_234_567,
      })),
      nodeInfo: {
        architecture: 'amd64',
        containerRuntimeVersion: 'containerd://2.1.0',
        kernelVersion: '6.8.0-48-generic',
        kubeProxyVersion: 'v1.34.1',
        kubeletVersion: 'v1.34.1',
        operatingSystem: 'linux',
        osImage: 'Ubuntu 24.04.1 LTS',
      },
    },
  };
}

function probe(path: string, periodSeconds: number): Raw {
  return {
    failureThreshold: 3,
    httpGet: { path, port: 8080, scheme: 'HTTP' },
    periodSeconds,
    successThreshold: 1,
    timeoutSeconds: 1,
  };
}

function serviceAccountVolume(): Raw {
  return {
    name: 'kube-api-access-x7k2p',
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        {
          downwardAPI: {
            items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }],
          },
        },
      ],
    },
  };
}

/** An object as kubectl prints it: pods and nodes with what the API server and the kubelet add. */
export function kubectlObject(o: KubeObject): Raw {
  const raw = o as Raw;
  return raw.kind === 'Pod' ? kubectlPod(raw) : raw.kind === 'Node' ? kubectlNode(raw) : raw;
}

/**
 * Writes `head`, each item as kubectl prints it (`entry` formats it; `last` for the List's last item) and `tail`,
 * a thousand items at a time: the text is larger than one string. Returns the bytes written.
 */
export function writeListFile(
  file: string,
  items: readonly KubeObject[],
  text: { head: string; tail: string; entry: (o: Raw, last: boolean) => string },
): number {
  const fd = openSync(file, 'w');
  let bytes = 0;
  const write = (t: string) => (bytes += writeSync(fd, t));
  try {
    write(text.head);
    let batch: string[] = [];
    items.forEach((o, i) => {
      batch.push(text.entry(kubectlObject(o), i === items.length - 1));
      if (batch.length === 1000) {
        write(batch.join(''));
        batch = [];
      }
    });
    write(batch.join(''));
    write(text.tail);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/**
 * Writes `items` as kubectl prints a List: 4-space indentation, the items at 8, `apiVersion`, `items`, `kind`,
 * `metadata` in that order.
 */
export function writeKubectlList(file: string, items: readonly KubeObject[]): number {
  return writeListFile(file, items, {
    head: '{\n    "apiVersion": "v1",\n    "items": [\n',
    entry: (o, last) => JSON.stringify(o, null, 4).replace(/^/gm, '        ') + (last ? '\n' : ',\n'),
    tail: '    ],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
  });
}

/**
 * A writer's command line (`node --import tsx bench/<writer>.ts SCALE FILE`): writes the standard cluster at SCALE to
 * FILE and prints its objects and bytes.
 */
export function writeFromCommandLine(write: (file: string, items: readonly KubeObject[]) => number): void {
  const [scale, file] = process.argv.slice(2);
  const items = generateCluster(sizeAt(Number(scale)), 'standard');
  const bytes = write(file, items);
  console.log(JSON.stringify({ objects: items.length, bytes }));
}

if (process.argv[1] === import.meta.filename) writeFromCommandLine(writeKubectlList);
