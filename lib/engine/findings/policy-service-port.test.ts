import { describe, expect, it } from 'vitest';
import { netpol, ns, pod } from '../testing/fixtures';
import { webObjects, WEB } from '../testing/scenarios';
import { policyServicePort } from './policy-service-port';
import { runOn } from './testing';

const fromStorefront = (port: number, endPort?: number) =>
  netpol({
    name: 'web-from-storefront',
    podSelector: { matchLabels: { app: 'web' } },
    policyTypes: ['Ingress'],
    ingress: [
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'storefront' } } }],
        ports: [{ port, protocol: 'TCP', ...(endPort ? { endPort } : {}) }],
      },
    ],
  });

describe('policy-service-port (projectcalico/felix#2836; cilium "after service port mapping")', () => {
  it('a rule allowing the Service port 80 instead of the targetPort 8080: error naming both', () => {
    const f = runOn(policyServicePort, webObjects({ extra: [ns('storefront'), fromStorefront(80)] }), 'default/web');
    expect(f).toHaveLength(1);
    expect(f[0].id).toBe('policy-service-port/default/web/web-from-storefront/ingress-0/TCP-80');
    expect(f[0].severity).toBe('error');
    expect(f[0].message).toBe(
      `web-from-storefront allows TCP 80 (ingress[0], from all pods in namespaces {kubernetes.io/metadata.name=storefront}), which is the Service port of web (TCP 80, NodePort ${WEB.nodePort}); policies match the port the pod receives after DNAT, 8080, so this entry admits nothing of web's traffic to its 2 pods.`,
    );
    expect(f[0].fixYaml).toContain('port: 8080');
    expect(f[0].evidence).toEqual([
      { kind: 'Service', name: 'default/web' },
      { kind: 'NetworkPolicy', name: 'default/web-from-storefront' },
    ]);
  });

  it('a rule allowing the NodePort is reported as such', () => {
    const f = runOn(policyServicePort, webObjects({ extra: [fromStorefront(WEB.nodePort)] }), 'default/web');
    expect(f).toHaveLength(1);
    expect(f[0].title).toBe('NetworkPolicy allows the NodePort instead of the targetPort');
    expect(f[0].message).toContain(`which is the NodePort of web`);
  });

  it('the targetPort, or a range that also covers it, is fine', () => {
    expect(runOn(policyServicePort, webObjects({ extra: [fromStorefront(8080)] }), 'default/web')).toEqual([]);
    expect(runOn(policyServicePort, webObjects({ extra: [fromStorefront(80, 9000)] }), 'default/web')).toEqual([]);
  });

  it('a Service whose port equals its targetPort cannot be confused', () => {
    const objs = webObjects({
      service: { ports: [{ name: 'http', port: 8080, targetPort: 8080, nodePort: WEB.nodePort }] },
      extra: [fromStorefront(8080)],
    });
    expect(runOn(policyServicePort, objs, 'default/web')).toEqual([]);
  });

  it('pods that really listen on the Service port number too make the entry legitimate', () => {
    const objs = [
      ...webObjects({ extra: [fromStorefront(80)] }).filter(
        (o) => !(o.kind === 'Pod' && o.metadata?.name?.startsWith('web-')),
      ),
      ...WEB.endpoints.map((e) =>
        pod({
          name: e.pod!,
          ip: e.ip,
          node: e.node,
          labels: { app: 'web' },
          ports: [
            { name: 'http', containerPort: 8080 },
            { name: 'admin', containerPort: 80 },
          ],
        }),
      ),
    ];
    expect(runOn(policyServicePort, objs, 'default/web')).toEqual([]);
  });

  it('pods that declare no container ports: only a warning (they might listen on it)', () => {
    const objs = [
      ...webObjects({ extra: [fromStorefront(80)] }).filter(
        (o) => !(o.kind === 'Pod' && o.metadata?.name?.startsWith('web-')),
      ),
      ...WEB.endpoints.map((e) => pod({ name: e.pod!, ip: e.ip, node: e.node, labels: { app: 'web' } })),
    ];
    const f = runOn(policyServicePort, objs, 'default/web');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toMatch(/unless the pods listen on it too: they declare no container ports\)\.$/);
  });
});
