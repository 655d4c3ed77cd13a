import { describe, expect, it } from 'vitest';
import { buildClusterModel } from '../model/build';
import { stripObject } from './strip';

// A pod as the API server returns it from a LIST (items carry no kind/apiVersion).
const rawPod = {
  metadata: {
    name: 'web-1',
    namespace: 'shop',
    uid: 'u1',
    resourceVersion: '812',
    labels: { app: 'web' },
    annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01' },
    managedFields: [{ manager: 'kubelet', fieldsV1: { 'f:status': {} } }],
    ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7d9' }],
  },
  spec: {
    nodeName: 'node-a',
    hostNetwork: false,
    serviceAccountName: 'default',
    containers: [
      {
        name: 'web',
        image: 'nginx:1.27',
        args: ['--x'],
        env: [{ name: 'SECRET', value: 's3cr3t' }],
        ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
      },
    ],
    volumes: [{ name: 'token' }],
  },
  status: {
    phase: 'Running',
    podIP: '10.0.0.5',
    podIPs: [{ ip: '10.0.0.5' }],
    hostIP: '192.0.2.1',
    conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }],
    containerStatuses: [{ name: 'web', restartCount: 3 }],
  },
};

describe('stripObject', () => {
  it('keeps only what the engine reads of a pod, and sets kind/apiVersion', () => {
    const p = stripObject('Pod', rawPod);
    expect(p).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-1', namespace: 'shop', uid: 'u1', labels: { app: 'web' } },
      spec: {
        nodeName: 'node-a',
        hostNetwork: false,
        // Image and args stay for proxy detection; env only for the proxy settings' variables.
        containers: [
          {
            name: 'web',
            ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
            image: 'nginx:1.27',
            args: ['--x'],
          },
        ],
      },
      status: {
        phase: 'Running',
        podIP: '10.0.0.5',
        podIPs: [{ ip: '10.0.0.5' }],
        hostIP: '192.0.2.1',
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    });
    // Secrets in env never reach the store.
    expect(JSON.stringify(p)).not.toContain('s3cr3t');
  });

  it('keeps the Istio pod annotations and the proxy env the front-door engine reads, nothing else', () => {
    const p = stripObject('Pod', {
      metadata: {
        name: 'gw',
        namespace: 'edge',
        annotations: { 'sidecar.istio.io/status': '{}', 'proxy.istio.io/config': '{}', 'prometheus.io/scrape': 'true' },
      },
      spec: {
        containers: [
          {
            name: 'kong',
            image: 'kong:3.9',
            args: ['--configmap=$(CM)'],
            env: [
              { name: 'KONG_TRUSTED_IPS', value: '10.0.0.0/8' },
              { name: 'CM', value: 'edge/x' },
              { name: 'DB_PASSWORD', value: 'hunter2' },
            ],
          },
        ],
      },
    });
    expect(p.metadata!.annotations).toEqual({ 'sidecar.istio.io/status': '{}', 'proxy.istio.io/config': '{}' });
    expect((p.spec as { containers: { env: unknown }[] }).containers[0].env).toEqual([
      { name: 'KONG_TRUSTED_IPS', value: '10.0.0.0/8' },
      { name: 'CM', value: 'edge/x' },
    ]);
    expect(JSON.stringify(p)).not.toContain('hunter2');
  });

  it('a proxy variable set by valueFrom keeps only that fact; envFrom keeps the source names, never the refs’ keys', () => {
    const p = stripObject('Pod', {
      metadata: { name: 'kong', namespace: 'edge' },
      spec: {
        containers: [
          {
            name: 'proxy',
            image: 'kong:3.9',
            env: [
              { name: 'KONG_TRUSTED_IPS', valueFrom: { secretKeyRef: { name: 'kong-trust', key: 'cidrs' } } },
              { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
            ],
            envFrom: [{ configMapRef: { name: 'kong-env' } }, { secretRef: { name: 'kong-secrets' }, prefix: 'X_' }],
          },
        ],
      },
    });
    const c = (p.spec as { containers: Record<string, unknown>[] }).containers[0];
    expect(c.env).toEqual([{ name: 'KONG_TRUSTED_IPS', valueFrom: {} }]);
    expect(c.envFrom).toEqual([{ configMapRef: { name: 'kong-env' } }, { secretRef: { name: 'kong-secrets' } }]);
    expect(JSON.stringify(p)).not.toContain('cidrs');
  });

  it('makes updates that only touch stripped fields compare equal', () => {
    const a = stripObject('Pod', rawPod);
    const b = stripObject('Pod', {
      ...rawPod,
      metadata: { ...rawPod.metadata, resourceVersion: '999' },
      status: {
        ...rawPod.status,
        containerStatuses: [{ name: 'web', restartCount: 4 }],
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-02-02T00:00:00Z' }],
      },
    });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('keeps node and service annotations but drops last-applied-configuration and managedFields', () => {
    const n = stripObject('Node', {
      metadata: {
        name: 'node-a',
        labels: { 'topology.kubernetes.io/zone': 'eu-1a' },
        managedFields: [{}],
        annotations: {
          'projectcalico.org/IPv4IPIPTunnelAddr': '10.244.1.1',
          'kubectl.kubernetes.io/last-applied-configuration': '{"huge":true}',
        },
      },
      spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], taints: [{ key: 'k', effect: 'NoSchedule' }] },
      status: {
        addresses: [{ type: 'InternalIP', address: '192.0.2.1' }],
        conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: 'x' }],
        images: [{ names: ['nginx'] }],
        nodeInfo: { kubeletVersion: 'v1.36' },
      },
    });
    expect(n.metadata).toEqual({
      name: 'node-a',
      labels: { 'topology.kubernetes.io/zone': 'eu-1a' },
      annotations: { 'projectcalico.org/IPv4IPIPTunnelAddr': '10.244.1.1' },
    });
    expect(n.status).toEqual({
      addresses: [{ type: 'InternalIP', address: '192.0.2.1' }],
      conditions: [{ type: 'Ready', status: 'True' }],
    });
    const s = stripObject('Service', {
      metadata: { name: 'web', namespace: 'shop', annotations: { 'service.cilium.io/forwarding-mode': 'dsr' } },
      spec: { type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ port: 80 }] },
      status: { loadBalancer: { ingress: [{ ip: '198.51.100.7', ipMode: 'VIP' }] }, conditions: [{ type: 'x' }] },
    });
    expect(s).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop', annotations: { 'service.cilium.io/forwarding-mode': 'dsr' } },
      spec: { type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ port: 80 }] },
      status: { loadBalancer: { ingress: [{ ip: '198.51.100.7', ipMode: 'VIP' }] } },
    });
  });

  it('keeps the EndpointSlice fields build.ts merges per Service', () => {
    const e = stripObject('EndpointSlice', {
      metadata: {
        name: 'web-abc',
        namespace: 'shop',
        labels: { 'kubernetes.io/service-name': 'web' },
        generateName: 'web-',
        ownerReferences: [{}],
      },
      addressType: 'IPv4',
      endpoints: [
        {
          addresses: ['10.0.0.5'],
          conditions: { ready: true, serving: true, terminating: false },
          nodeName: 'node-a',
          zone: 'eu-1a',
          targetRef: { kind: 'Pod', name: 'web-1', namespace: 'shop', uid: 'u1', resourceVersion: '7' },
        },
      ],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    });
    const model = buildClusterModel([e]);
    expect(model.endpointsByService.get('shop/web')).toEqual([
      {
        ip: '10.0.0.5',
        ready: true,
        serving: true,
        terminating: false,
        nodeName: 'node-a',
        zone: 'eu-1a',
        hints: null,
        podKey: 'shop/web-1',
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        source: 'EndpointSlice',
      },
    ]);
    expect(JSON.stringify(e)).not.toContain('resourceVersion');
  });

  it('builds the same model from stripped objects as from the raw ones', () => {
    const raw = [
      { kind: 'Pod', apiVersion: 'v1', ...rawPod },
      {
        kind: 'Namespace',
        apiVersion: 'v1',
        metadata: { name: 'shop', labels: { team: 'a' }, annotations: { x: 'y' } },
        status: { phase: 'Active' },
      },
      {
        kind: 'ConfigMap',
        apiVersion: 'v1',
        metadata: { name: 'kube-proxy', namespace: 'kube-system' },
        data: { 'config.conf': 'mode: ipvs' },
      },
      {
        kind: 'NetworkPolicy',
        apiVersion: 'networking.k8s.io/v1',
        metadata: { name: 'deny', namespace: 'shop' },
        spec: { podSelector: {}, policyTypes: ['Ingress'] },
      },
    ];
    const stripped = raw.map((o) => stripObject(o.kind as 'Pod', o));
    const a = buildClusterModel(raw);
    const b = buildClusterModel(stripped);
    expect(b.pods).toEqual(a.pods);
    expect(b.namespaces).toEqual(a.namespaces);
    expect(b.configMaps).toEqual(a.configMaps);
    expect(b.policiesByNamespace).toEqual(a.policiesByNamespace);
  });

  it('front-door objects keep spec, the status the model reads and the stream apiVersion; the front-door model is unchanged', () => {
    const ingress = {
      metadata: {
        name: 'api',
        namespace: 'shop',
        annotations: { 'kubernetes.io/ingress.class': 'nginx' },
        managedFields: [{}],
      },
      spec: {
        rules: [
          {
            host: 'api.example',
            http: { paths: [{ path: '/', backend: { service: { name: 'api', port: { number: 80 } } } }] },
          },
        ],
      },
      status: { loadBalancer: { ingress: [{ ip: '203.0.113.7' }] } },
    };
    const gateway = {
      metadata: { name: 'gw', namespace: 'istio-system' },
      spec: { selector: { istio: 'ingressgateway' }, servers: [{ hosts: ['*.example'], port: { number: 443 } }] },
      status: { conditions: [{ type: 'Ready', lastTransitionTime: '2026-01-01T00:00:00Z' }] },
    };
    const l2 = {
      metadata: { name: 'l2-x', namespace: 'metallb-system' },
      status: {
        node: 'node-a',
        serviceName: 'web',
        serviceNamespace: 'shop',
        interfaces: [{ name: 'eth0' }],
        extra: 1,
      },
    };
    const i = stripObject('Ingress', ingress, 'networking.k8s.io/v1');
    expect(i).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'api', namespace: 'shop', annotations: { 'kubernetes.io/ingress.class': 'nginx' } },
      spec: ingress.spec,
      status: ingress.status,
    });
    const g = stripObject('Gateway', gateway, 'networking.istio.io/v1');
    expect(g.apiVersion).toBe('networking.istio.io/v1');
    expect(g.status).toBeUndefined(); // conditions change without changing an answer
    expect(stripObject('ServiceL2Status', l2, 'metallb.io/v1beta1').status).toEqual({
      node: 'node-a',
      serviceName: 'web',
      serviceNamespace: 'shop',
      interfaces: [{ name: 'eth0' }],
    });
    const full = [
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', ...ingress },
      { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', ...gateway },
      { apiVersion: 'metallb.io/v1beta1', kind: 'ServiceL2Status', ...l2 },
    ];
    const a = buildClusterModel(full).frontDoor!;
    const b = buildClusterModel([i, g, stripObject('ServiceL2Status', l2, 'metallb.io/v1beta1')]).frontDoor!;
    expect(b.routes).toEqual(a.routes);
    expect(b.gateways).toEqual(a.gateways);
    expect(b.gateways[0].istio).toBe(true);
    expect(b.announcers).toEqual(a.announcers);
  });
});
