import { describe, expect, it } from 'vitest';
import { buildClusterModel } from './build';
import {
  expandArg,
  isContourServe,
  istioMeshConfigMap,
  istioSidecarOf,
  mayNameConfigMaps,
  proxyConfigMapNames,
} from './frontdoor';
import type { KubeObject, Pod } from './k8s';

const ingress: KubeObject = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'shop', namespace: 'web', annotations: { 'kubernetes.io/ingress.class': 'nginx' } },
  spec: {
    rules: [
      {
        host: 'shop.example.com',
        http: {
          paths: [
            { path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 8080 } } } },
            { path: '/', pathType: 'Prefix', backend: {} },
          ],
        },
      },
    ],
  },
  status: { loadBalancer: { ingress: [{ ip: '192.0.2.50' }] } },
};

const httpRoute: KubeObject = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'r', namespace: 'web' },
  spec: {
    parentRefs: [{ name: 'gw', namespace: 'infra' }],
    hostnames: ['a.example.com'],
    rules: [{ matches: [{ path: { type: 'Exact', value: '/x' } }], backendRefs: [{ name: 'api', port: 80 }] }],
  },
};

const virtualService: KubeObject = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'vs', namespace: 'web' },
  spec: {
    hosts: ['b.example.com'],
    gateways: ['istio-system/public', 'mesh', 'local-gw'],
    http: [{ route: [{ destination: { host: 'api.web.svc.cluster.local', port: { number: 8080 } } }] }],
  },
};

const istioGateway: KubeObject = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'Gateway',
  metadata: { name: 'public', namespace: 'istio-system' },
  spec: { selector: { istio: 'ingressgateway' }, servers: [{ hosts: ['*.example.com'], port: { number: 80 } }] },
};

const configMap = (ns: string, name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns },
  data: { k: 'v' },
});

describe('front-door kinds in the model', () => {
  it('an Ingress becomes host/path rules with Service backends; a path without a Service is a warning', () => {
    const m = buildClusterModel([ingress]);
    const r = m.frontDoor!.routes[0];
    expect(r).toMatchObject({ kind: 'Ingress', key: 'web/shop', className: 'nginx', hosts: ['shop.example.com'] });
    expect(r.rules).toEqual([
      { host: 'shop.example.com', path: '/api', pathType: 'Prefix', backends: [{ service: 'web/api', port: 8080 }] },
    ]);
    expect(r.statusAddresses).toEqual(['192.0.2.50']);
    expect(m.warnings.map((w) => w.object)).toContain('web/shop');
  });

  it('HTTPRoute parents and Exact matches; VirtualService gateways resolve namespaces and skip mesh', () => {
    const m = buildClusterModel([httpRoute, virtualService, istioGateway]);
    const [hr, vs] = m.frontDoor!.routes;
    expect(hr.parents).toEqual(['infra/gw']);
    expect(hr.rules[0]).toEqual({
      host: 'a.example.com',
      path: '/x',
      pathType: 'Exact',
      backends: [{ service: 'web/api', port: 80 }],
    });
    expect(vs.parents).toEqual(['istio-system/public', 'web/local-gw']);
    expect(vs.rules[0].backends).toEqual([{ service: 'web/api', port: 8080 }]);
    expect(m.frontDoor!.gateways[0]).toMatchObject({ istio: true, selector: { istio: 'ingressgateway' } });
  });

  it('absent CRDs are empty lists, not errors', () => {
    const m = buildClusterModel([]);
    expect(m.frontDoor!.routes).toEqual([]);
    expect(m.frontDoor!.announcers.l2Advertisements).toEqual([]);
    expect(m.warnings).toEqual([]);
  });

  it('MetalLB pools, advertisements and ServiceL2Status (the announcing node)', () => {
    const m = buildClusterModel([
      {
        apiVersion: 'metallb.io/v1beta1',
        kind: 'IPAddressPool',
        metadata: { name: 'lan', namespace: 'metallb-system' },
        spec: { addresses: ['192.0.2.0/28'] },
      },
      {
        apiVersion: 'metallb.io/v1beta1',
        kind: 'L2Advertisement',
        metadata: { name: 'l2', namespace: 'metallb-system' },
        spec: {},
      },
      {
        apiVersion: 'metallb.io/v1beta1',
        kind: 'ServiceL2Status',
        metadata: { name: 'l2-x', namespace: 'metallb-system' },
        status: { node: 'worker-2', serviceName: 'web', serviceNamespace: 'shop' },
      },
    ]);
    const a = m.frontDoor!.announcers;
    expect(a.metallbPools).toEqual([{ name: 'lan', addresses: ['192.0.2.0/28'], labels: {} }]);
    expect(a.l2Advertisements).toEqual([{ name: 'l2', pools: [], poolSelectors: [] }]);
    expect(a.l2StatusNode.get('shop/web')).toBe('worker-2');
  });

  it('keeps only dataplane ConfigMaps and the one ingress-nginx names with --configmap', () => {
    const controller: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'ctrl', namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
      spec: {
        containers: [
          {
            name: 'controller',
            args: [
              '/nginx-ingress-controller',
              '--configmap=$(POD_NAMESPACE)/x',
              '--configmap=ingress-nginx/ingress-nginx-controller',
            ],
          },
        ],
      },
    };
    const m = buildClusterModel([
      controller,
      configMap('kube-system', 'kube-proxy'),
      configMap('ingress-nginx', 'ingress-nginx-controller'),
      configMap('default', 'app-settings'),
    ]);
    expect([...m.configMaps.keys()].sort()).toEqual([
      'ingress-nginx/ingress-nginx-controller',
      'kube-system/kube-proxy',
    ]);
    expect(m.frontDoor!.podDetails('ingress-nginx/ctrl')!.containers[0].args).toContain(
      '--configmap=ingress-nginx/ingress-nginx-controller',
    );
  });

  it('reads ConfigMap names from commands and args, skipping containers that have neither', () => {
    const pod = (name: string, containers: unknown[], annotations?: Record<string, string>): Pod => ({
      kind: 'Pod',
      metadata: { name, namespace: 'edge', annotations },
      spec: { containers } as Pod['spec'],
    });
    const names = proxyConfigMapNames([
      pod('plain', [
        { name: 'app', image: 'app:1' },
        { name: 'empty', command: [], args: [] },
      ]),
      pod('by-command', [
        {
          name: 'c',
          command: ['/nginx-ingress-controller', '--configmap=$(CM)'],
          env: [{ name: 'CM', value: 'nginx-cm' }],
        },
      ]),
      pod('by-args', [{ name: 'c', args: ['--nginx-configmaps=other/settings'] }]),
      pod('mesh', [], { 'sidecar.istio.io/status': '{}' }),
    ]);
    expect([...names].sort()).toEqual(['edge/nginx-cm', 'istio-system/istio', 'other/settings']);
  });

  it('keys Istio-injected pods as the model keys them, with their interception mode; the last pod of a key decides', () => {
    const pod = (name: string | undefined, namespace: string | undefined, mode: string | null): KubeObject => ({
      kind: 'Pod',
      metadata: {
        ...(name !== undefined ? { name } : {}),
        ...(namespace !== undefined ? { namespace } : {}),
        annotations:
          mode === null
            ? { other: 'x' }
            : {
                'sidecar.istio.io/status': '{"containers":["istio-proxy"]}',
                ...(mode ? { 'sidecar.istio.io/interceptionMode': mode } : {}),
              },
      },
    });
    const m = buildClusterModel([
      pod('web', 'shop', ''),
      pod('web', 'shop', null), // the later pod of the key is not injected: as model.pods, the later one wins
      pod('db', 'shop', null),
      pod('api', undefined, ''), // no namespace: default/api, as in model.pods
      pod(undefined, 'shop', ''), // no name: not a model pod
      pod('web', 'other', 'REDIRECT'),
      pod('tp', 'other', 'TPROXY'),
      pod('late', 'other', null),
      pod('late', 'other', 'TPROXY'), // injected later: counts
    ]);
    const sidecars = m.frontDoor!.sidecarPods;
    expect([...sidecars]).toEqual([
      ['default/api', 'istio-redirect'],
      ['other/web', 'istio-redirect'],
      ['other/tp', 'istio-tproxy'],
      ['other/late', 'istio-tproxy'],
    ]);
    for (const key of sidecars.keys()) expect(m.pods.has(key)).toBe(true);
    // The same answer as the pod's own details give (what the analysis read before).
    for (const key of m.pods.keys())
      expect(istioSidecarOf(m.frontDoor!.podDetails(key)?.annotations)).toBe(sidecars.get(key) ?? null);
  });

  it('finds pod details by namespace/name among pods that share a name; a later duplicate key wins', () => {
    const pod = (namespace: string, name: string, mark: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace, annotations: { mark } },
      spec: { containers: [{ name: 'app', image: 'app:1' }] },
    });
    const m = buildClusterModel([
      pod('a', 'web', 'a-first'),
      pod('b', 'web', 'b'),
      { kind: 'Pod', metadata: { namespace: 'a', annotations: { mark: 'nameless' } } }, // not a model pod
      pod('a', 'web', 'a-second'),
      pod('a', 'other', 'other'),
    ]);
    const fd = m.frontDoor!;
    expect(fd.podDetails('a/web')!.annotations.mark).toBe('a-second');
    expect(fd.podDetails('b/web')!.annotations.mark).toBe('b');
    expect(fd.podDetails('a/other')!.annotations.mark).toBe('other');
    expect(fd.podDetails('c/web')).toBeNull();
    expect(fd.podDetails('web')).toBeNull();
  });
});

describe('proxyConfigMapNames', () => {
  // The straightforward reading (every argument expanded, then matched), as it was before arguments that
  // cannot become a flag were skipped: both must name the same ConfigMaps in the same order.
  const reference = (pods: Pod[]): string[] => {
    const out = new Set<string>();
    for (const p of pods) {
      if (p?.metadata?.annotations?.['sidecar.istio.io/status'] || p?.metadata?.labels?.istio === 'ingressgateway')
        out.add(istioMeshConfigMap(p?.metadata?.labels ?? {}));
      const ns = p.metadata?.namespace ?? 'default';
      for (const c of p?.spec?.containers ?? []) {
        const env = Object.fromEntries((c?.env ?? []).map((e) => [e?.name ?? '', e?.value ?? '']));
        const texts = [...(c?.command ?? []), ...(c?.args ?? [])].filter((a): a is string => typeof a === 'string');
        const args = texts.map((raw) => expandArg(raw, ns, env));
        for (const a of args) {
          const m = /^--?(?:configmap|nginx-configmaps)=(.+)$/.exec(a);
          if (m) out.add(m[1].includes('/') ? m[1] : `${ns}/${m[1]}`);
        }
        if (isContourServe({ image: c?.image ?? '', args }) && args.some((a) => a.startsWith('--config-path=')))
          out.add(`${ns}/contour`);
      }
    }
    return [...out];
  };
  const pod = (name: string, containers: unknown[], labels?: Record<string, string>): Pod => ({
    kind: 'Pod',
    metadata: { name, namespace: 'edge', labels },
    spec: { containers } as Pod['spec'],
  });

  it('names what every argument expanded would name, for flags spelt out, expanded or hidden behind variables', () => {
    const env = (vars: Record<string, string>) => Object.entries(vars).map(([name, value]) => ({ name, value }));
    const pods = [
      pod('sidecar', [
        {
          name: 'istio-proxy',
          args: ['proxy', 'sidecar', '--domain', '$(POD_NAMESPACE).svc.cluster.local', '--configmap=$(POD_NAMESPACE)'],
        },
      ]),
      pod('whole-flag-in-a-variable', [
        { name: 'c', args: ['$(FLAG)', 'x$(FLAG)'], env: env({ FLAG: '--configmap=from-var' }) },
      ]),
      pod('last-entry-wins', [
        { name: 'c', command: ['--configmap=$(CM)'], env: [...env({ CM: 'first' }), ...env({ CM: 'second' })] },
      ]),
      pod('empty-value', [{ name: 'c', args: ['--configmap=$(CM)$(POD_NAMESPACE)'], env: env({ CM: '' }) }]),
      pod('inherited-names', [{ name: 'c', args: ['--configmap=$(toString)', '--configmap=$(__proto__)'] }]),
      pod('own-proto', [{ name: 'c', args: ['--configmap=$(__proto__)'], env: [{ name: '__proto__', value: 'p' }] }]),
      pod('single-dash', [{ name: 'c', args: ['-configmap=one', '--nginx-configmaps=other/two', 'configmap=no'] }]),
      pod('not-strings', [{ name: 'c', args: [7, null, '--configmap=ok'] }]),
      pod('contour', [
        { name: 'c', image: 'ghcr.io/projectcontour/contour:v1.30', args: ['serve', '--config-path=/config/x.yaml'] },
      ]),
      pod('contour-serve-from-variable', [
        {
          name: 'c',
          image: 'ghcr.io/projectcontour/contour:v1.30',
          args: ['$(VERB)', '$(PATH_FLAG)'],
          env: env({ VERB: 'serve', PATH_FLAG: '--config-path=/c.yaml' }),
        },
      ]),
      pod('contour-without-config-path', [
        { name: 'c', image: 'ghcr.io/projectcontour/contour:v1.30', args: ['serve', '--xds-port=8001'] },
      ]),
      pod('gateway', [{ name: 'c', image: 'istio/proxyv2' }], { istio: 'ingressgateway', 'istio.io/rev': 'canary' }),
    ];
    const names = [...proxyConfigMapNames(pods)];
    expect(names).toEqual(reference(pods));
    expect(names).toEqual(
      expect.arrayContaining([
        'edge/edge',
        'edge/from-var',
        'edge/second',
        'edge/$(CM)edge',
        'edge/p',
        'edge/one',
        'other/two',
        'edge/ok',
        'edge/contour',
        'istio-system/istio-canary',
      ]),
    );
    expect(names).not.toContain('edge/no');
    expect([...proxyConfigMapNames(pods.filter((p) => p.metadata?.name === 'contour-without-config-path'))]).toEqual(
      [],
    );
    // The model build hands proxyConfigMapNames only the pods mayNameConfigMaps keeps: the same names.
    const plain = pod('plain', [
      { name: 'app', image: 'app:1' },
      { name: 'empty', command: [], args: [] },
    ]);
    expect(mayNameConfigMaps(plain)).toBe(false);
    expect([...proxyConfigMapNames([...pods, plain].filter(mayNameConfigMaps))]).toEqual(names);
  });

  it('keeps a ConfigMap that a pod without a name names (the model leaves that pod out, not its flags)', () => {
    const m = buildClusterModel([
      { kind: 'ConfigMap', metadata: { namespace: 'edge', name: 'nginx' }, data: { 'use-proxy-protocol': 'true' } },
      { kind: 'ConfigMap', metadata: { namespace: 'edge', name: 'unnamed' }, data: {} },
      {
        kind: 'Pod',
        metadata: { namespace: 'edge' },
        spec: { containers: [{ name: 'c', args: ['--configmap=nginx'] }] },
      },
    ]);
    expect([...m.configMaps.keys()]).toEqual(['edge/nginx']);
    expect(m.pods.size).toBe(0);
  });
});
