// The front-door section shows header values, route and pod names from cluster objects: as text, never markup.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { FrontDoorView } from '@/lib/view/front-door/types';
import { FrontDoorSection } from './FrontDoorSection';
import { FrontDoorSummary } from './FrontDoorSummary';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';

const view: FrontDoorView = {
  proxy: IMG,
  routes: [
    {
      kind: 'Ingress',
      object: `shop/${SCRIPT}`,
      hosts: [IMG],
      backends: [{ service: `shop/${SCRIPT}`, namespace: 'shop', name: SCRIPT }],
      loadBalancer: null,
    },
  ],
  behind: [{ service: `edge/${IMG}`, namespace: 'edge', name: IMG, route: SCRIPT }],
  policies: [
    {
      policy: 'Cluster',
      actual: true,
      answer: 'yes',
      how: 'X-Forwarded-For',
      note: SCRIPT,
      hops: [
        {
          id: 'Cluster:proxy',
          kind: 'proxy',
          title: 'Proxy',
          subtitle: IMG,
          facts: [
            { label: 'Route', value: SCRIPT },
            { label: 'Evidence', value: IMG },
          ],
          summary: [{ label: 'Route', value: SCRIPT }],
          headers: [{ label: 'X-Forwarded-For', value: SCRIPT }],
          backend: `shop/${IMG}`,
          alert: false,
        },
      ],
      command: `kubepath trace --host ${IMG}`,
      empty: null,
    },
  ],
};

describe('front-door section renders cluster text as text', () => {
  it('escapes header values, hop facts, routes, links and notes', () => {
    const html = renderToStaticMarkup(createElement(FrontDoorSection, { view, target: { kind: 'route' } }));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('href="/services/shop/%3Cscript%3Ealert(1)%3C%2Fscript%3E"');
    // The header row is there, with its value escaped.
    expect(html).toMatch(/data-header="X-Forwarded-For"[^]*&lt;script&gt;/);
  });

  it('the summary line escapes the hop names it lists', () => {
    const html = renderToStaticMarkup(createElement(FrontDoorSummary, { view }));
    expect(html).not.toContain('<img');
    expect(html).toContain('through &quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('renders nothing without a front door', () => {
    expect(renderToStaticMarkup(createElement(FrontDoorSection, { view: null, target: { kind: 'route' } }))).toBe('');
    expect(renderToStaticMarkup(createElement(FrontDoorSummary, { view: null }))).toBe('');
  });
});
