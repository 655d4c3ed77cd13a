import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../model/k8s';
import { modelOf } from '../testing/cluster';
import { frontDoorOf } from './platform';
import { proxyOfService } from './proxy-service';
import { matchRoute, routeLoadBalancer, routeProxyKind, routeServedBy, routesOfProxy } from './routes';
import { ingress, ingressClass, proxiedWeb } from './testing';

const gw = (name: string, className: string, addresses: string[] = []): KubeObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name, namespace: 'default' },
  spec: { gatewayClassName: className, listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
  status: { addresses: addresses.map((value) => ({ type: 'IPAddress', value })) },
});
const route = (name: string, parent: string, hostnames: string[], path: string, backend: string): KubeObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name, namespace: 'default' },
  spec: {
    parentRefs: [{ name: parent }],
    hostnames,
    rules: [{ matches: [{ path: { type: 'PathPrefix', value: path } }], backendRefs: [{ name: backend, port: 80 }] }],
  },
});

describe('routes and the proxies that serve them', () => {
  it("an HTTPRoute reaches Envoy Gateway's generated Service through its Gateway (owner labels)", () => {
    const objs = proxiedWeb({
      pod: { labels: { 'gateway.envoyproxy.io/owning-gateway-name': 'eg' } },
      service: {
        labels: {
          'gateway.envoyproxy.io/owning-gateway-name': 'eg',
          'gateway.envoyproxy.io/owning-gateway-namespace': 'default',
        },
      },
      extra: [
        {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'GatewayClass',
          metadata: { name: 'eg' },
          spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' },
        },
        gw('eg', 'eg'),
        route('api', 'eg', ['api.example.com'], '/v1', 'api'),
        route('other', 'someone-else', ['api.example.com'], '/', 'other'),
      ],
    });
    const model = modelOf(...objs);
    const web = model.services.get('default/web')!;
    const proxy = proxyOfService(model, web)!;
    expect(proxy.id).toBe('envoy-gateway');
    expect(routesOfProxy(model, web, proxy.id).map((r) => r.key)).toEqual(['default/api']);
    expect(routeProxyKind(model, frontDoorOf(model).routes[0])).toBe('envoy-gateway');
  });

  it('a Gateway whose status address is the proxy Service LB address links too', () => {
    const model = modelOf(
      ...proxiedWeb({
        pod: { labels: { istio: 'ingressgateway' } },
        extra: [gw('public', 'unknown-class', ['198.51.100.10']), route('r', 'public', [], '/', 'api')],
      }),
    );
    const web = model.services.get('default/web')!;
    expect(routesOfProxy(model, web, 'istio-ingressgateway').map((r) => r.key)).toEqual(['default/r']);
  });

  it('matchRoute: exact host before wildcard, then the longest prefix; Exact paths match only themselves', () => {
    const model = modelOf(
      ingress({ name: 'wild', host: '*.example.com', service: 'wild', port: 80 }),
      ingress({ name: 'api', host: 'api.example.com', path: '/v1', service: 'api-v1', port: 80 }),
      ingress({ name: 'root', host: 'api.example.com', service: 'api-root', port: 80 }),
    );
    const routes = frontDoorOf(model).routes;
    expect(matchRoute(routes, 'api.example.com', '/v1/users')!.rule.backends[0].service).toBe('default/api-v1');
    expect(matchRoute(routes, 'api.example.com', '/v10')!.rule.backends[0].service).toBe('default/api-root');
    expect(matchRoute(routes, 'www.example.com', '/')!.rule.backends[0].service).toBe('default/wild');
    expect(matchRoute(routes, 'a.b.example.com', '/')).toBeNull();
  });

  it('an Ingress of class alb is a cloud L7 load balancer, not a proxy route', () => {
    const model = modelOf(
      ingressClass('alb', 'ingress.k8s.aws/alb'),
      ingress({ name: 'edge', className: 'alb', host: 'x.example.com', service: 'web', port: 80 }),
    );
    const r = frontDoorOf(model).routes[0];
    expect(routeProxyKind(model, r)).toBeNull();
    expect(routeLoadBalancer(model, r)).toMatchObject({ kind: 'aws-alb-ingress', layer: 'L7', targets: 'nodes' });
  });

  it("a proxy Service's routes: Ingresses of its class and routes with its LB address, in the model's order", () => {
    const model = modelOf(
      ...proxiedWeb({
        pod: { labels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
        extra: [
          ingressClass('nginx', 'k8s.io/ingress-nginx'),
          ingressClass('traefik', 'traefik.io/ingress-controller'),
          ingress({ name: 'a', className: 'nginx', host: 'a.example.com', service: 'api', port: 80 }),
          ingress({
            name: 'b',
            className: 'traefik',
            host: 'b.example.com',
            service: 'api',
            port: 80,
            status: '198.51.100.10',
          }),
          ingress({ name: 'c', className: 'traefik', host: 'c.example.com', service: 'api', port: 80 }),
          ingress({ name: 'd', className: 'nginx', host: 'd.example.com', service: 'api', port: 80 }),
        ],
      }),
    );
    const web = model.services.get('default/web')!;
    expect(proxyOfService(model, web)!.id).toBe('ingress-nginx');
    const served = routesOfProxy(model, web, 'ingress-nginx').map((r) => r.key);
    expect(served).toEqual(['default/a', 'default/b', 'default/d']);
    expect(routesOfProxy(model, web, 'ingress-nginx').map((r) => r.key)).toEqual(served);
    expect(routesOfProxy(model, web, 'traefik').map((r) => r.key)).toEqual(['default/b', 'default/c']);
  });

  it("an ingress-nginx install with its own --controller-class serves its classes only, not the default install's", () => {
    // The public install (default controller value) and an internal one beside it, as ingress-nginx's
    // "Multiple Ingress controllers" guide sets them up; Ingress `public` names the public class.
    const classes = [
      ingressClass('nginx', 'k8s.io/ingress-nginx'),
      ingressClass('nginx-internal', 'k8s.io/internal-ingress-nginx'),
      ingress({ name: 'public', className: 'nginx', host: 'www.example.com', service: 'api', port: 80 }),
      ingress({ name: 'internal', className: 'nginx-internal', host: 'api.corp.example', service: 'api', port: 80 }),
    ];
    const nginx = (args: string[]) =>
      modelOf(
        ...proxiedWeb({
          pod: {
            labels: { 'app.kubernetes.io/name': 'ingress-nginx' },
            image: 'registry.k8s.io/ingress-nginx/controller:v1.11.2',
            args: ['/nginx-ingress-controller', ...args],
          },
          extra: classes,
        }),
      );
    const internal = nginx(['--controller-class=k8s.io/internal-ingress-nginx', '--ingress-class=nginx-internal']);
    const web = internal.services.get('default/web')!;
    expect(proxyOfService(internal, web)!.id).toBe('ingress-nginx');
    expect(routesOfProxy(internal, web, 'ingress-nginx').map((r) => r.key)).toEqual(['default/internal']);
    const [pub, own] = frontDoorOf(internal).routes;
    expect(routeServedBy(internal, pub, web, 'ingress-nginx')).toBe(false);
    expect(routeServedBy(internal, own, web, 'ingress-nginx')).toBe(true);
    // The default controller value, spelt out or not: the classes of k8s.io/ingress-nginx, as before.
    for (const args of [['--controller-class=k8s.io/ingress-nginx'], []]) {
      const model = nginx(args);
      const svc = model.services.get('default/web')!;
      expect(routesOfProxy(model, svc, 'ingress-nginx').map((r) => r.key)).toEqual(['default/public']);
    }
  });

  it('VirtualServices and HTTPRoutes reach a Service through the Gateways it serves, by kind, whatever the parent order', () => {
    const istioGw = (name: string, istio: string): KubeObject => ({
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name, namespace: 'default' },
      spec: { selector: { istio }, servers: [{ hosts: ['*'], port: { number: 80, protocol: 'HTTP' } }] },
    });
    const vs = (name: string, gateways: string[]): KubeObject => ({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name, namespace: 'default' },
      spec: { hosts: [`${name}.example.com`], gateways, http: [{ route: [{ destination: { host: 'api' } }] }] },
    });
    const httpRoute = (name: string, parents: string[]): KubeObject => ({
      ...route(name, parents[0], [`${name}.example.com`], '/', 'api'),
      spec: {
        parentRefs: parents.map((p) => ({ name: p })),
        hostnames: [`${name}.example.com`],
        rules: [{ backendRefs: [{ name: 'api', port: 80 }] }],
      },
    });
    const model = modelOf(
      ...proxiedWeb({
        // web is the Istio gateway `istio=a` and the generated Service of Gateway API Gateway api-1.
        pod: { labels: { istio: 'a', 'gateway.istio.io/managed': 'istio.io-gateway-controller' } },
        service: { labels: { 'gateway.networking.k8s.io/gateway-name': 'api-1' } },
        extra: [
          istioGw('ist-a', 'a'),
          istioGw('ist-b', 'b'),
          gw('api-1', 'istio'),
          gw('api-2', 'istio'),
          vs('v1', ['ist-a']),
          vs('v2', ['ist-b']),
          vs('v3', ['ist-b', 'ist-a']),
          vs('v4', ['api-1']), // a Gateway API Gateway's key: not an Istio Gateway
          httpRoute('h1', ['api-1']),
          httpRoute('h2', ['api-2']),
          httpRoute('h3', ['api-2', 'api-1']),
          httpRoute('h4', ['ist-a']), // an Istio Gateway's key: not a Gateway API Gateway
        ],
      }),
    );
    const web = model.services.get('default/web')!;
    const served = routesOfProxy(model, web, 'istio-ingressgateway').map((r) => `${r.kind} ${r.key}`);
    expect(served).toEqual([
      'HTTPRoute default/h1',
      'HTTPRoute default/h3',
      'VirtualService default/v1',
      'VirtualService default/v3',
    ]);
    const one = frontDoorOf(model)
      .routes.filter((r) => routeServedBy(model, r, web, 'istio-ingressgateway'))
      .map((r) => `${r.kind} ${r.key}`);
    expect(one).toEqual(served);
  });

  it("Gateways of one name in several namespaces: each generated Service serves its own namespace's Gateway", () => {
    const inNs = (o: KubeObject, ns: string): KubeObject => ({ ...o, metadata: { ...o.metadata, namespace: ns } });
    const model = modelOf(
      ...proxiedWeb({
        // web (namespace default) is the generated Service of Gateway default/team-gw.
        pod: { labels: { 'gateway.istio.io/managed': 'istio.io-gateway-controller' } },
        service: { labels: { 'gateway.networking.k8s.io/gateway-name': 'team-gw' } },
        extra: [
          gw('team-gw', 'istio'),
          inNs(gw('team-gw', 'istio'), 'other'),
          route('mine', 'team-gw', ['a.example.com'], '/', 'api'),
          inNs(route('theirs', 'team-gw', ['b.example.com'], '/', 'api'), 'other'),
        ],
      }),
    );
    const web = model.services.get('default/web')!;
    expect(routesOfProxy(model, web, 'istio-ingressgateway').map((r) => r.key)).toEqual(['default/mine']);
    const theirs = frontDoorOf(model).routes.find((r) => r.key === 'other/theirs')!;
    expect(routeServedBy(model, theirs, web, 'istio-ingressgateway')).toBe(false);
  });
});
