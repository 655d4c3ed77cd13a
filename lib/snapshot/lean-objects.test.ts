import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { analyzeObjects } from '../engine/facade';
import type { KubeObject } from '../model/k8s';
import { DROPPED_FIELDS, leanObject } from './lean-objects';
import { loadSnapshotPaths } from './load';

const root = join(import.meta.dirname, '..', '..');

/** A pod as kubectl writes it: the fields kubepath reads, and one of each dropped field. */
function kubectlPod(extra: { spec?: object; status?: object } = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-1',
      namespace: 'shop',
      labels: { app: 'web' },
      annotations: { 'sidecar.istio.io/status': '{}' },
      managedFields: [{ manager: 'kubelet', operation: 'Update' }],
      ownerReferences: [{ kind: 'ReplicaSet', name: 'web-abc' }],
    },
    spec: {
      nodeName: 'node-a',
      containers: [
        {
          name: 'app',
          image: 'registry.example/web:1',
          args: ['--port=8080'],
          env: [{ name: 'LOG_LEVEL', value: 'info' }],
          ports: [{ name: 'http', containerPort: 8080 }],
          livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
          readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
          startupProbe: { tcpSocket: { port: 8080 } },
          resources: { limits: { cpu: '500m' } },
          volumeMounts: [{ name: 'token', mountPath: '/var/run/secrets' }],
          securityContext: { runAsNonRoot: true },
          lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
        },
      ],
      volumes: [{ name: 'token', projected: {} }],
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' }],
      affinity: { nodeAffinity: {} },
      topologySpreadConstraints: [{ maxSkew: 1 }],
      dnsPolicy: 'ClusterFirst',
      ...extra.spec,
    },
    status: {
      phase: 'Running',
      podIP: '10.0.0.5',
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-12-01T00:00:00Z' }],
      containerStatuses: [{ name: 'app', ready: true, restartCount: 0 }],
      initContainerStatuses: [],
      ephemeralContainerStatuses: [],
      ...extra.status,
    },
  };
}

/** A node as kubectl writes it: the fields kubepath reads, and one of each dropped field. */
function kubectlNode() {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: 'node-a',
      labels: { 'topology.kubernetes.io/zone': 'zone-a' },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0' },
      managedFields: [{ manager: 'kubelet' }],
    },
    spec: { podCIDR: '10.0.0.0/24', providerID: 'aws:///zone-a/i-0123' },
    status: {
      addresses: [{ type: 'InternalIP', address: '192.168.0.10' }],
      conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: '2026-12-01T00:00:00Z' }],
      images: [{ names: ['registry.example/web@sha256:0f1e', 'registry.example/web:1'], sizeBytes: 52428800 }],
      nodeInfo: { kubeletVersion: 'v1.34.1', containerRuntimeVersion: 'containerd://2.1.0' },
      volumesAttached: [{ name: 'kubernetes.io/csi/ebs^vol-1', devicePath: '' }],
      volumesInUse: ['kubernetes.io/csi/ebs^vol-1'],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      allocatable: { cpu: '3920m' },
      capacity: { cpu: '4' },
    },
  };
}

describe('leanObject', () => {
  it('drops the listed fields of a pod and keeps every other field as it is, in its order', () => {
    const pod = kubectlPod();
    const lean = leanObject(pod) as ReturnType<typeof kubectlPod>;
    expect(lean).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'web-1',
        namespace: 'shop',
        labels: pod.metadata.labels,
        annotations: pod.metadata.annotations,
      },
      spec: {
        nodeName: 'node-a',
        containers: [
          {
            name: 'app',
            image: 'registry.example/web:1',
            args: ['--port=8080'],
            env: [{ name: 'LOG_LEVEL', value: 'info' }],
            ports: [{ name: 'http', containerPort: 8080 }],
          },
        ],
        dnsPolicy: 'ClusterFirst',
      },
      status: { phase: 'Running', podIP: '10.0.0.5', conditions: pod.status.conditions },
    });
    expect(Object.keys(lean.spec)).toEqual(['nodeName', 'containers', 'dnsPolicy']);
    // What is kept is the parsed value itself, not a copy; the pod given is not changed.
    expect(lean.metadata.labels).toBe(pod.metadata.labels);
    expect(lean.spec.containers[0].env).toBe(pod.spec.containers[0].env);
    expect(lean.status.conditions).toBe(pod.status.conditions);
    expect(pod.spec.volumes).toHaveLength(1);
  });

  it('drops the listed fields of a node and keeps the rest', () => {
    const node = kubectlNode();
    expect(leanObject(node)).toEqual({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-a', labels: node.metadata.labels, annotations: node.metadata.annotations },
      spec: node.spec,
      status: { addresses: node.status.addresses, conditions: node.status.conditions },
    });
  });

  it('leaves anything but a Pod or Node object as it is, and malformed parts as they are', () => {
    const service = { kind: 'Service', spec: { volumes: [1] } };
    expect(leanObject(service)).toBe(service);
    for (const v of ['text', null, 3, [kubectlPod()]]) expect(leanObject(v)).toBe(v);
    const odd = { kind: 'Pod', metadata: null, spec: { containers: 'app', volumes: [] }, status: 'Running' };
    expect(leanObject(odd)).toEqual({ kind: 'Pod', metadata: null, spec: { containers: 'app' }, status: 'Running' });
    const mixed = { kind: 'Pod', spec: { containers: [null, 'x', { name: 'a', resources: {} }] } };
    expect(leanObject(mixed)).toEqual({ kind: 'Pod', spec: { containers: [null, 'x', { name: 'a' }] } });
  });

  it('keeps a __proto__ member as JSON.parse made it: an own property, the prototype unchanged', () => {
    const pod = JSON.parse('{"kind":"Pod","spec":{"__proto__":{"nodeName":"evil"},"volumes":[]}}');
    const lean = leanObject(pod) as { spec: Record<string, unknown> };
    expect(Object.getPrototypeOf(lean.spec)).toBe(Object.prototype);
    expect(lean.spec.nodeName).toBeUndefined();
    expect(Object.keys(lean.spec)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(lean.spec, '__proto__')?.value).toEqual({ nodeName: 'evil' });
  });
});

describe('leanObject: nothing kubepath reads is dropped', () => {
  /** Source files (not tests, not data) under the directories whose code reads cluster objects. */
  async function sources(): Promise<string[]> {
    const found: string[] = [];
    async function walk(dir: string): Promise<void> {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (/\.(ts|tsx|mjs)$/.test(entry.name) && !/\.test\.|\.spec\./.test(entry.name)) found.push(path);
      }
    }
    for (const dir of ['lib', 'cli', 'app', 'components']) await walk(join(root, dir));
    return found;
  }

  it('no source file reads a dropped field (as `.name`, `?.name`, `["name"]` or a quoted key)', async () => {
    const names = [...new Set(Object.values(DROPPED_FIELDS).flatMap((where) => Object.values(where).flat()))];
    const reads: string[] = [];
    for (const file of await sources()) {
      const rel = relative(root, file);
      // lean-objects.ts names them to drop them; lib/demo writes the demo clusters' pods (with resources, tolerations).
      if (rel === join('lib', 'snapshot', 'lean-objects.ts') || rel.startsWith(join('lib', 'demo'))) continue;
      // Comments name fields without reading them (spread-yaml.ts's `spec.template.spec.topologySpreadConstraints`).
      const code = (await readFile(file, 'utf8')).replace(/\/\*[\s\S]*?\*\/|(^|[^:])\/\/.*$/gm, '$1');
      for (const name of names)
        if (new RegExp(`\\??\\.${name}\\b|\\[\\s*['"\`]${name}['"\`]\\s*\\]|['"\`]${name}['"\`]`).test(code))
          reads.push(`${rel}: ${name}`);
    }
    // A new reader of one of these fields must take it off DROPPED_FIELDS.
    expect(reads).toEqual([]);
  });

  describe('the demo clusters and the stories, their pods and nodes given every dropped field', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'kubepath-lean-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    async function clusterFiles(): Promise<string[]> {
      const stories = join(root, 'lib', 'demo', 'stories');
      return [
        join(root, 'lib', 'demo', 'demo-cluster.json'),
        join(root, 'lib', 'demo', 'demo-cilium-cluster.json'),
        ...(await readdir(stories)).filter((f) => f.endsWith('.json')).map((f) => join(stories, f)),
      ];
    }

    /** Each pod and node of the file with the dropped fields kubectlPod and kubectlNode have (its own fields win). */
    function withDroppedFields(o: KubeObject): KubeObject {
      if (o.kind === 'Node') {
        const { metadata, status } = kubectlNode();
        const node = o as KubeObject & { status?: object };
        return {
          ...o,
          metadata: { managedFields: metadata.managedFields, ...o.metadata },
          status: { ...status, addresses: undefined, conditions: undefined, ...node.status },
        } as KubeObject;
      }
      if (o.kind !== 'Pod') return o;
      const full = kubectlPod();
      const pod = o as KubeObject & { spec?: { containers?: unknown[] }; status?: object };
      const c = full.spec.containers[0];
      return {
        ...o,
        metadata: { ...full.metadata, ...o.metadata },
        spec: {
          ...full.spec,
          nodeName: undefined,
          dnsPolicy: undefined,
          containers: [],
          ...pod.spec,
          ...(pod.spec?.containers
            ? {
                containers: pod.spec.containers.map((x) => ({
                  ...c,
                  name: undefined,
                  image: undefined,
                  args: undefined,
                  env: undefined,
                  ports: undefined,
                  ...(x as object),
                })),
              }
            : {}),
        },
        status: { ...full.status, phase: undefined, podIP: undefined, conditions: undefined, ...pod.status },
      } as KubeObject;
    }

    it('analyse the same read in parts (lean) as read whole', async () => {
      const files = await clusterFiles();
      expect(files.length).toBeGreaterThan(5);
      let pods = 0;
      for (const source of files) {
        const doc = JSON.parse(await readFile(source, 'utf8'));
        const objects = (Array.isArray(doc) ? doc : (doc.items ?? [doc])) as KubeObject[];
        const items = JSON.parse(JSON.stringify(objects.map(withDroppedFields))); // undefined members gone
        pods += items.filter((o: KubeObject) => o.kind === 'Pod').length;
        const file = join(dir, relative(root, source).replaceAll('/', '_'));
        await writeFile(file, JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: {} }, null, 4));
        const whole = await loadSnapshotPaths([file]);
        const parts = await loadSnapshotPaths([file], undefined, { wholeFileBytes: 1024, chunkBytes: 64 * 1024 });
        expect(parts.errors, source).toEqual(whole.errors);
        expect(parts.warnings, source).toEqual(whole.warnings);
        expect(parts.ignoredKinds, source).toEqual(whole.ignoredKinds);
        // The pods read in parts are lean: the comparison below compares something.
        for (const field of ['livenessProbe', 'nodeInfo']) {
          expect(JSON.stringify(parts.objects)).not.toContain(field);
          expect(JSON.stringify(whole.objects)).toContain(field);
        }
        expect(JSON.stringify(analyzeObjects(parts.objects)), source).toBe(
          JSON.stringify(analyzeObjects(whole.objects)),
        );
        // The same as kubectl's YAML (entries at column 0), its list parsed in parts (no heap for a whole parse).
        const yamlFile = `${file}.yaml`;
        await writeFile(
          yamlFile,
          stringify({ apiVersion: 'v1', items, kind: 'List', metadata: {} }, { indentSeq: false }),
        );
        const yaml = await loadSnapshotPaths([yamlFile]);
        const yamlParts = await loadSnapshotPaths([yamlFile], undefined, { maxHeapShare: 0 });
        expect(yamlParts.errors, source).toEqual(yaml.errors);
        expect(yamlParts.warnings, source).toEqual(yaml.warnings);
        expect(yamlParts.ignoredKinds, source).toEqual(yaml.ignoredKinds);
        expect(JSON.stringify(yamlParts.objects)).not.toContain('livenessProbe');
        expect(JSON.stringify(analyzeObjects(yamlParts.objects)), source).toBe(
          JSON.stringify(analyzeObjects(whole.objects)),
        );
      }
      expect(pods).toBeGreaterThan(100);
    });
  });
});
