// Names, messages and URL values are rendered as text: markup in them is escaped, never parsed.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { groupProblems, type FindingRow, type ServiceRow } from '@/lib/view/overview';
import { DEFAULT_OVERVIEW_STATE } from '@/lib/view/url-state';
import { NoticeList } from '../common/NoticeList';
import { ProblemsSection } from './ProblemsSection';
import { ServiceTable } from './ServiceTable';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';

const row: ServiceRow = {
  key: `xss/${SCRIPT}`,
  namespace: 'xss',
  name: SCRIPT,
  type: 'LoadBalancer',
  policy: 'Cluster',
  endpointsReady: 1,
  endpointsTotal: 1,
  pods: 1,
  preserved: 'no',
  app: { clientIP: 'no', how: '' },
  findings: { error: 1, warning: 0, info: 0 },
  rules: ['r'],
};

describe('rendering untrusted text', () => {
  it('escapes a Service name in the table and its link', () => {
    const html = renderToStaticMarkup(
      createElement(ServiceTable, {
        rows: [row],
        state: DEFAULT_OVERVIEW_STATE,
        onChange: () => {},
        link: { kind: 'route' },
        totalServices: 1,
      }),
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('href="/services/xss/%3Cscript%3Ealert(1)%3C%2Fscript%3E"');
  });

  it('escapes finding text and notices', () => {
    const finding: FindingRow = {
      id: 'r/x',
      rule: 'r',
      severity: 'error',
      title: IMG,
      message: SCRIPT,
      fix: IMG,
      fixYaml: SCRIPT,
      source: 's',
      service: { namespace: 'xss', name: IMG },
    };
    const html = renderToStaticMarkup(
      createElement(
        'div',
        null,
        createElement(ProblemsSection, {
          groups: groupProblems([finding]),
          matched: 1,
          counts: { error: 1, warning: 0, info: 0 },
          filtered: false,
          state: DEFAULT_OVERVIEW_STATE,
          onChange: () => {},
          link: { kind: 'route' },
        }),
        createElement(NoticeList, { title: 'n', items: [`Ignored invalid "sort" value ${JSON.stringify(IMG)}`] }),
      ),
    );
    expect(html).not.toMatch(/<img|<script/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
