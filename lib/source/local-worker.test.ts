import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeLocalFiles } from './local-files';
import { buildOverviewData, buildServiceRows } from '../view/overview';
import { DEFAULT_OVERVIEW_STATE } from '../view/url-state';
import { runTrace } from '../view/run-trace';
import { buildServicePageData } from '../view/service-page-data';
import { createLocalWorker, readInParts, readText, type LocalReadLimits, type LocalWorkerReply } from './local-worker';
import { heapNeeded } from './local-memory';
import { parseSnapshotText } from '../snapshot/parse';
import { yamlListLayout } from '../snapshot/yaml-list';
import { stringify } from 'yaml';

const demo = readFileSync('lib/demo/demo-cluster.json', 'utf8');
const at = new Date('2026-01-01T00:00:00Z');

/** A worker that keeps every message it posts. */
function recordingWorker(limits?: LocalReadLimits) {
  const messages: LocalWorkerReply[] = [];
  const handle = createLocalWorker(
    (m) => messages.push(m),
    () => at,
    limits,
  );
  return { messages, handle };
}

async function run(files: File[], limits?: LocalReadLimits) {
  const worker = recordingWorker(limits);
  await worker.handle({ id: 1, type: 'analyse', files });
  return worker;
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

  it("answers one Service's page data, as the server's Service page computes it, and never the model", async () => {
    const early: LocalWorkerReply[] = [];
    await createLocalWorker((m) => early.push(m))({
      id: 1,
      type: 'service',
      service: 'storefront/storefront-web',
      options: { group: 8, clientPod: null },
    });
    expect(early).toEqual([{ id: 1, type: 'error', message: 'no snapshot has been analysed yet' }]);

    const { messages, handle } = await run([new File([demo], 'demo.json')]);
    const expected = analyzeLocalFiles([{ name: 'demo.json', text: demo }], at);
    const service = expected.analysis.services.find((s) => s.service === 'storefront/storefront-web')!;
    for (const [id, options] of [
      [2, { group: 8, clientPod: null }],
      [3, { group: 1, clientPod: null }],
    ] as const) {
      await handle({ id, type: 'service', service: service.service, options });
      const reply = messages.at(-1)!;
      expect(reply.id).toBe(id);
      if (reply.type !== 'service') throw new Error(`expected a service reply, got ${reply.type}`);
      // Only this Service's analysis and page data cross to the page (structured clone must accept them).
      expect(Object.keys(reply.panel).sort()).toEqual(['data', 'service', 'sourceLabel']);
      expect(reply.panel.service).toEqual(service);
      expect(reply.panel.data).toEqual(buildServicePageData(expected.model, expected.analysis, service, options));
      expect(reply.panel.sourceLabel).toBe(expected.source.label);
      expect(structuredClone(reply.panel)).toEqual(reply.panel);
    }
    // The grouping threshold reaches the diagrams (group 1: every node its own box where there are several).
    const [grouped, single] = messages.slice(-2) as Extract<LocalWorkerReply, { type: 'service' }>[];
    expect(grouped.panel.data.panels).not.toEqual(single.panel.data.panels);

    await handle({ id: 4, type: 'service', service: 'nowhere/none', options: { group: 8, clientPod: null } });
    expect(messages.at(-1)).toEqual({ id: 4, type: 'error', message: 'no Service nowhere/none in the snapshot' });
  });

  it("traces a packet to one Service in the worker, with the engine's answer for the page's inputs", async () => {
    const { messages, handle } = await run([new File([demo], 'demo.json')]);
    const expected = analyzeLocalFiles([{ name: 'demo.json', text: demo }], at);
    const service = expected.analysis.services.find((s) => s.service === 'storefront/storefront-web')!;
    const inputs = buildServicePageData(expected.model, expected.analysis, service, { group: 8 }).traceDefaults;
    for (const [id, policy] of [
      [5, 'Cluster'],
      [6, 'Local'],
    ] as const) {
      await handle({ id, type: 'trace', service: service.service, inputs, policy });
      const reply = messages.at(-1)!;
      expect(reply).toEqual({ id, type: 'trace', outcome: runTrace(expected, service.entries, inputs, policy) });
      if (reply.type === 'trace') expect(reply.outcome.ok).toBe(true);
    }
    await handle({ id: 7, type: 'trace', service: 'nowhere/none', inputs, policy: 'Local' });
    expect(messages.at(-1)).toEqual({ id: 7, type: 'error', message: 'no Service nowhere/none in the snapshot' });
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

describe('a file larger than the text limit (read in parts, as the CLI reads one too large for one string)', () => {
  /** The demo cluster as kubectl indents it, its pods given fields nothing reads. */
  const kubectlStyle = (() => {
    const list = JSON.parse(demo);
    for (const o of list.items) if (o.kind === 'Pod') o.spec.volumes = [{ name: 'token', projected: {} }];
    return JSON.stringify(list, null, 4);
  })();

  /** A file that counts the reads of its first bytes (only the read in parts looks at them first). */
  class HeadCounting extends File {
    heads = 0;
    override slice(start?: number, end?: number, type?: string): Blob {
      this.heads++;
      return super.slice(start, end, type);
    }
  }

  it('gives the overview the text path gives, with the reading progress', async () => {
    const [small, large] = [
      new HeadCounting([kubectlStyle], 'demo.json'),
      new HeadCounting([kubectlStyle], 'demo.json'),
    ];
    const textPath = await run([small]);
    const inParts = await run([large], { textBytes: 1024 });
    expect([small.heads, large.heads]).toEqual([0, 1]);
    expect(inParts.messages.at(-1)).toEqual(textPath.messages.at(-1));
    const reading = inParts.messages.flatMap((m) =>
      m.type === 'progress' && m.phase === 'reading' ? [m.percent] : [],
    );
    expect(reading.at(-1)).toBe(100);
    // The pages the worker answers are the text path's too.
    await textPath.handle({ id: 2, type: 'overview', state: DEFAULT_OVERVIEW_STATE });
    await inParts.handle({ id: 2, type: 'overview', state: DEFAULT_OVERVIEW_STATE });
    expect(inParts.messages.at(-1)).toEqual(textPath.messages.at(-1));
  });

  it('reads the objects of the text, their pods without the fields nothing reads', async () => {
    let bytes = 0;
    const parsed = await readInParts(new File([kubectlStyle], 'demo.json'), (n) => (bytes += n));
    expect(bytes).toBe(Buffer.byteLength(kubectlStyle));
    const whole = parseSnapshotText(kubectlStyle, 'demo.json');
    expect(parsed.objects.length).toBe(whole.objects.length);
    expect(parsed.warnings).toEqual(whole.warnings);
    expect(JSON.stringify(whole.objects)).toContain('"volumes"');
    expect(JSON.stringify(parsed.objects)).not.toContain('"volumes"');
  });

  it('places a syntax error as the text path does, refuses UTF-16 saying what to do, and reads YAML', async () => {
    const broken = kubectlStyle.replace('"kind": "Pod"', '"kind": Pod');
    const parsed = await readInParts(new File([broken], 'broken.json'), () => {});
    const [error] = parseSnapshotText(broken, 'broken.json').errors;
    expect(parsed.errors).toEqual([
      { file: 'broken.json', message: error.message, line: error.line, column: error.column },
    ]);
    const utf16 = await readInParts(new File([Buffer.from(`\ufeff${kubectlStyle}`, 'utf16le')], 'ps.json'), () => {});
    expect(utf16.errors[0].message).toMatch(
      /^file is too large to read as one text \(\d+ MiB; it is UTF-16\); .*UTF-8/,
    );
    expect(utf16.errors[0].message).toContain(
      '(each up to 256 MiB here, or open it with `npm run demo -- --snapshot`)',
    );
    expect(utf16.objects).toEqual([]);
    // A YAML list is read in parts too, as the CLI reads it: the objects the text path gives.
    const yamlText = stringify(JSON.parse(kubectlStyle));
    const yaml = await readInParts(new File([yamlText], 'list.yaml'), () => {});
    expect(yaml.errors).toEqual([]);
    expect(yaml.objects.length).toBeGreaterThan(0);
    expect(yaml.objects).toEqual((await readInParts(new File([kubectlStyle], 'list.json'), () => {})).objects);
  });
});

describe('YAML too large to parse in the tab', () => {
  it('is an error saying what to do, not read; JSON of that size is analysed', async () => {
    const yaml = 'kind: Namespace\nmetadata:\n  name: shop\n';
    const limits = { yamlHeapBytes: 10 * 46 }; // YAML of more than 10 characters does not fit
    const refused = await run([new File([yaml], 'ns.yaml')], limits);
    const overview = refused.messages.at(-1)!;
    expect(overview.type === 'overview' && overview.overview.source.errors).toEqual([
      expect.stringMatching(
        /^ns\.yaml: YAML this large needs about 0\.0 GiB of memory to parse \(46 bytes for each character\), more than a browser tab may use here \(0\.0 GiB\): write the snapshot as JSON \(`kubectl get … -o json`\), which needs a fraction of that, or open it with `npm run demo -- --snapshot`$/,
      ),
    ]);
    const reading = refused.messages.flatMap((m) =>
      m.type === 'progress' && m.phase === 'reading' ? [m.percent] : [],
    );
    expect(reading.at(-1)).toBe(100);
    const json = await run([new File([demo], 'demo.json')], { yamlHeapBytes: 10 * 46 });
    const analysed = json.messages.at(-1)!;
    expect(analysed.type === 'overview' && analysed.overview.summary.services).toBeGreaterThan(0);
    // The same YAML within the limit is read.
    const read = await run([new File([yaml], 'ns.yaml')]);
    const ok = read.messages.at(-1)!;
    expect(ok.type === 'overview' && ok.overview.source.errors).toEqual([]);
  });

  it('a YAML list over the limit is parsed a part at a time: the same analysis as its JSON, with progress', async () => {
    const doc = JSON.parse(demo);
    const yaml = stringify(doc);
    expect(yamlListLayout(yaml)).not.toBeNull(); // a list kubepath cuts, so the parts are what is tested
    const parts = await run([new File([yaml], 'demo.yaml')], { yamlHeapBytes: 10 * 46 });
    const json = await run([new File([demo], 'demo.json')]);
    const summary = (r: typeof parts) => {
      const last = r.messages.at(-1)!;
      return last.type === 'overview' ? [last.overview.source.errors, last.overview.summary] : last;
    };
    expect(summary(parts)).toEqual(summary(json));
    const parsing = parts.messages.flatMap((m) => (m.type === 'progress' && m.phase === 'parsing' ? [m.percent] : []));
    expect(parsing.some((p) => p > 0 && p < 100)).toBe(true);
  });
});

describe('the heap question', () => {
  const ask = async (files: File[], limits?: LocalReadLimits) => {
    const { messages, handle } = recordingWorker(limits);
    await handle({ id: 7, type: 'heap', files });
    return messages;
  };

  it('weighs each file by how it would be read, without analysing anything', async () => {
    const compact = new File([JSON.stringify(JSON.parse(demo))], 'compact.json');
    const indented = new File([JSON.stringify(JSON.parse(demo), null, 4)], 'indented.json');
    const yaml = new File([stringify(JSON.parse(demo))], 'demo.yaml');
    // Indented JSON over this many bytes is read in parts (a lowered INDENTED_IN_PARTS_BYTES).
    const limits = { indentedBytes: 1024 };
    expect(await ask([compact, indented, yaml], limits)).toEqual([
      {
        id: 7,
        type: 'heap',
        needed: heapNeeded([
          { size: compact.size, path: 'json-text' },
          { size: indented.size, path: 'json-parts' },
          { size: yaml.size, path: 'yaml-text' },
        ]),
      },
    ]);
    // Below the limit the indented file is one text.
    const [whole] = await ask([indented]);
    expect(whole).toEqual({ id: 7, type: 'heap', needed: heapNeeded([{ size: indented.size, path: 'json-text' }]) });
  });

  it('keeps the analysis it has: its pages are still answered after the question', async () => {
    const { messages, handle } = await run([new File([demo], 'demo.json')]);
    await handle({ id: 3, type: 'heap', files: [new File(['{}'], 'other.json')] });
    await handle({ id: 4, type: 'overview', state: DEFAULT_OVERVIEW_STATE });
    expect(messages.find((m) => m.id === 3)?.type).toBe('heap');
    expect(messages.find((m) => m.id === 4)?.type).toBe('page');
  });
});
