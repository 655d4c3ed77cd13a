import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeLocalFiles } from './local-files';
import { buildOverviewData, buildServiceRows } from '../view/overview';
import { DEFAULT_OVERVIEW_STATE } from '../view/url-state';
import { createLocalWorker, readText, unpackView, type LocalWorkerReply } from './local-worker';

const demo = readFileSync('lib/demo/demo-cluster.json', 'utf8');
const at = new Date('2026-01-01T00:00:00Z');

async function run(files: File[]) {
  const messages: LocalWorkerReply[] = [];
  const handle = createLocalWorker(
    (m) => messages.push(m),
    () => at,
  );
  await handle({ id: 1, type: 'analyse', files });
  return { messages, handle };
}

describe('local analysis worker', () => {
  it('reports reading, parsing and analysing with rising percentages, then the summary', async () => {
    const { messages } = await run([new File([demo], 'demo.json')]);
    const progress = messages.filter((m) => m.type === 'progress');
    const phases = [...new Set(progress.map((m) => m.phase))];
    expect(phases).toEqual(['reading', 'parsing', 'analysing']);
    for (const phase of phases) {
      const pcts = progress.filter((m) => m.phase === phase).map((m) => m.percent);
      expect(pcts[0]).toBe(0);
      expect(pcts.at(-1)).toBe(100);
      expect(pcts).toEqual([...pcts].sort((a, b) => a - b));
    }
    const expected = analyzeLocalFiles([{ name: 'demo.json', text: demo }], at);
    expect(messages.every((m) => m.id === 1)).toBe(true);
    expect(messages.filter((m) => m.type !== 'progress')).toHaveLength(1);
    const overview = messages.at(-1)!;
    expect(overview.type).toBe('overview');
    if (overview.type !== 'overview') return;
    // The page gets no rows, findings, per-Service paths or model: those stay in the worker.
    expect(Object.keys(overview.overview).sort()).toEqual(['dataplane', 'missingKinds', 'source', 'summary']);
    expect(overview.overview.summary).toEqual(expected.analysis.summary);
    expect(overview.overview.source).toEqual(expected.source);
    // The demo cluster holds every kind the engine reads.
    expect(overview.overview.missingKinds).toEqual([]);
  });

  it('answers one overview page per state, computed from every row like the server page', async () => {
    const { messages, handle } = await run([new File([demo], 'demo.json')]);
    const expected = analyzeLocalFiles([{ name: 'demo.json', text: demo }], at);
    const allRows = buildServiceRows(expected.analysis, expected.model);
    const storefront = { ...DEFAULT_OVERVIEW_STATE, ns: 'storefront', sort: 'name' as const, dir: 'desc' as const };
    for (const [id, state] of [
      [2, DEFAULT_OVERVIEW_STATE],
      [3, storefront],
    ] as const) {
      await handle({ id, type: 'overview', state });
      const page = messages.at(-1)!;
      expect(page.id).toBe(id);
      expect(page.type).toBe('page');
      if (page.type === 'page') expect(page.data).toEqual(buildOverviewData(expected.analysis, allRows, state));
    }
    const narrowed = messages.at(-1)!;
    if (narrowed.type !== 'page') throw new Error('no page');
    expect(narrowed.data.matchedServices).toBeGreaterThan(1);
    expect(narrowed.data.matchedServices).toBeLessThan(narrowed.data.totalServices);
    expect(narrowed.data.rows.every((r) => r.namespace === 'storefront')).toBe(true);
  });

  it('answers an overview request before any analysis with an error', async () => {
    const early: LocalWorkerReply[] = [];
    await createLocalWorker((m) => early.push(m))({ id: 7, type: 'overview', state: DEFAULT_OVERVIEW_STATE });
    expect(early).toEqual([{ id: 7, type: 'error', message: 'no snapshot has been analysed yet' }]);
  });

  it('answers the full view (model included) only when asked, after an analysis', async () => {
    const early: LocalWorkerReply[] = [];
    await createLocalWorker((m) => early.push(m))({ id: 1, type: 'view' });
    expect(early).toEqual([{ id: 1, type: 'error', message: 'no snapshot has been analysed yet' }]);
    const { messages, handle } = await run([new File([demo], 'demo.json')]);
    expect(messages.some((m) => m.type === 'view')).toBe(false);
    await handle({ id: 2, type: 'view' });
    const view = messages.at(-1)!;
    expect(view.type).toBe('view');
    if (view.type === 'view') {
      expect(view.view.model.services.size).toBe(view.view.analysis.services.length);
      expect(view.view.analysis.services.length).toBeGreaterThan(0);
      // What postMessage does to it: structured clone refuses functions (the front-door pod lookup).
      const cloned = structuredClone(view.view);
      const restored = unpackView(cloned);
      const original = analyzeLocalFiles([{ name: 'demo.json', text: demo }], at, []);
      const ingress = [...original.model.pods.keys()].find((k) => k.startsWith('ingress-nginx/'))!;
      expect(ingress).toBeDefined();
      expect(restored.model.frontDoor!.podDetails(ingress)).toEqual({
        annotations: original.model.frontDoor!.podDetails(ingress)!.annotations,
        containers: original.model.frontDoor!.podDetails(ingress)!.containers,
      });
      expect(restored.model.frontDoor!.podDetails('nowhere/none')).toBeNull();
    }
  });

  it('reports a broken file as a source error, like the server does', async () => {
    const { messages } = await run([new File(['{ not json'], 'broken.json')]);
    const overview = messages.at(-1)!;
    expect(overview.type).toBe('overview');
    if (overview.type === 'overview') expect(overview.overview.source.errors.join(' ')).toContain('broken.json');
  });
});

describe('readText', () => {
  it('decodes UTF-16 LE (PowerShell 5.1) and UTF-8 with a BOM with the decoder the CLI and server use', async () => {
    const json = '{"kind":"Namespace","metadata":{"name":"ü"}}';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]);
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]);
    let bytes = 0;
    expect(await readText(new Blob([utf16]), (n) => (bytes += n))).toBe(json);
    expect(bytes).toBe(utf16.length);
    expect(await readText(new Blob([utf8]), () => {})).toBe(json);
    expect(await readText(new Blob([]), () => {})).toBe('');
  });
});
