// The trace answer of a Service with many pods lists them in rows (lib/view/trace-endpoints.ts), not one line each.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { analyzeObjects, traceInModel } from '@/lib/engine/facade';
import { WEB, webObjects, webPods } from '@/lib/engine/testing/scenarios';
import { traceView } from '@/lib/view/trace-endpoints';
import { TraceResultView } from './TraceResultView';

/** The web Service with 60 pods over its three nodes, traced from outside through node-a under Cluster. */
function outcome() {
  const run = analyzeObjects(webObjects({ endpoints: webPods(60) }));
  const result = traceInModel(run.model, run.dataplane, {
    source: { kind: 'external', ip: WEB.externalClient },
    destination: { ip: WEB.lbIP, port: WEB.port, protocol: 'TCP' },
    atNode: 'node-a',
    policy: 'Cluster',
  });
  return { result, view: traceView(result) };
}

describe('TraceResultView', () => {
  it('shows 60 endpoints a packet treats alike as one line with their count and first pods', () => {
    const { result, view } = outcome();
    expect(result.endpoints).toHaveLength(60);
    const html = renderToStaticMarkup(
      createElement(TraceResultView, {
        outcome: { ok: true, result: view, sourceKind: 'external', arrival: null },
        policy: 'Cluster',
        actual: true,
      }),
    );
    const lines = html.match(/data-testid="trace-endpoint"/g) ?? [];
    expect(lines).toHaveLength(view.endpoints.length);
    expect(lines.length).toBeLessThan(5);
    expect(html).toContain('data-count="60"');
    expect(html).toContain('60 pods alike (default/web-00, default/web-01, default/web-02, …) port 8080');
    expect(html).toContain('reaches all 60 pods');
    // The row's reason is its first pod's, and says so (the dash before it is hidden on a phone, the words are not).
    const text = html.replace(/<[^>]+>/g, '');
    expect(text).toContain(` — for the first: ${view.endpoints[0].policyReason}`);
  });
});
