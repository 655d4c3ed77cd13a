import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';
import { escapeJsonText } from './escape';
import { generateCluster } from '../bench/generate';
import { analyzeObjects } from '../lib/engine/facade';
import { WEB, webObjects, webPods } from '../lib/engine/testing/scenarios';
import { YAML_PART_CHARS } from '../lib/snapshot/parse';
import { stringify } from 'yaml';

const DEMO = 'lib/demo/demo-cluster.json';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubepath-cli-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('kubepath analyze', () => {
  it('analyses the demo cluster as JSON with the documented top-level shape', async () => {
    const r = await run(['analyze', '-f', DEMO, '--json']);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.out);
    expect(Object.keys(a)).toEqual(expect.arrayContaining(['dataplane', 'services', 'findings', 'warnings']));
    expect(a.dataplane.proxyMode).toBe('iptables');
    const web = a.services.find((s: { service: string }) => s.service === 'storefront/storefront-web');
    expect(web.externalTrafficPolicy).toBe('Local');
    expect(Object.keys(web.paths)).toEqual(['Cluster', 'Local']);
    expect(web.nodes.some((n: { healthCheck: number | null }) => n.healthCheck === 503)).toBe(true);
  });

  it('prints a human-readable report and exits 1 when findings reach --fail-on', async () => {
    const r = await run(['analyze', '-f', DEMO, '--fail-on', 'error']);
    expect(r.out).toMatch(/^Dataplane: proxy iptables/);
    expect(r.out).toContain('storefront/storefront-web');
    const json = JSON.parse((await run(['analyze', '-f', DEMO, '--json'])).out);
    const hasError = json.findings.some((f: { severity: string }) => f.severity === 'error');
    expect(r.code).toBe(hasError ? 1 : 0);
  });

  it('exits 2 with a clear message for a truncated JSON file, naming file, line and column', async () => {
    const file = tempFile(
      'snap.json',
      '{"apiVersion":"v1","kind":"List","items":[{"kind":"Service",\n"metadata":{"name":"x"',
    );
    const r = await run(['analyze', '-f', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/snap\.json:2:\d+/);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('reports a bad YAML document and keeps analysing nothing rather than crashing', async () => {
    const file = tempFile(
      'c.yaml',
      'kind: Namespace\nmetadata: {name: a}\n---\nkind: Service\nmetadata: [oops\n---\nkind: Namespace\nmetadata: {name: b}\n',
    );
    const r = await run(['analyze', '-f', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/c\.yaml \(document 2/);
  });

  it('warns about an object with no spec, an invalid CIDR and still analyses an IPv6 Service', async () => {
    const file = tempFile(
      'odd.json',
      JSON.stringify({
        kind: 'List',
        items: [
          { kind: 'Service', apiVersion: 'v1', metadata: { namespace: 'a', name: 'nospec' } },
          {
            kind: 'Service',
            apiVersion: 'v1',
            metadata: { namespace: 'a', name: 'v6' },
            spec: { clusterIP: 'fd00:10:96::a', ipFamilies: ['IPv6'], ports: [{ port: 80 }], selector: { app: 'v6' } },
          },
          {
            kind: 'Node',
            apiVersion: 'v1',
            metadata: { name: 'n1' },
            spec: { podCIDRs: ['fd00:10:244::/64'] },
            status: { addresses: [{ type: 'InternalIP', address: 'fd00:1::11' }] },
          },
          {
            kind: 'Pod',
            apiVersion: 'v1',
            metadata: { namespace: 'a', name: 'client' },
            spec: { nodeName: 'n1' },
            status: { podIP: 'fd00:10:244::5', phase: 'Running' },
          },
          {
            kind: 'NetworkPolicy',
            apiVersion: 'networking.k8s.io/v1',
            metadata: { namespace: 'a', name: 'bad-cidr' },
            spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/33' } }] }] },
          },
        ],
      }),
    );
    const r = await run(['analyze', '-f', file, '--json']);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.out);
    expect(a.services.map((s: { service: string }) => s.service).sort()).toEqual(['a/nospec', 'a/v6']);
    const warnings = JSON.stringify(a.warnings);
    expect(warnings).toMatch(/no spec/);
    expect(warnings).toMatch(/10\.0\.0\.0\/33/);
    const trace = JSON.parse(
      (await run(['trace', '-f', file, '--from', 'fd00:10:244::5', '--to', '[fd00:10:96::a]:80', '--json'])).out,
    );
    expect(trace.service).toBe('a/v6');
    expect(trace.node).toBe('n1'); // a pod source is handled on its own node
    expect(trace.verdict).toBe('rejected'); // no endpoints → REJECT (TestNoEndpointsReject)
  });

  it('rejects usage mistakes with exit 2', async () => {
    expect((await run(['analyze'])).code).toBe(2);
    expect((await run(['trace', '-f', DEMO, '--from', 'nope', '--to', '1.2.3.4:80'])).err).toMatch(/--from "nope"/);
    expect((await run(['trace', '-f', DEMO, '--from', '1.2.3.4', '--to', '1.2.3.4'])).err).toMatch(/IP:PORT/);
    expect((await run(['analyze', '-f', DEMO, '--fail-on', 'sometimes'])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
  });
});

describe('kubepath trace of a Service with many pods', () => {
  // webObjects' LoadBalancer web Service with 60 pods over its three nodes, traced from outside at node-a.
  const file = tempFile('web-60.json', JSON.stringify({ kind: 'List', items: webObjects({ endpoints: webPods(60) }) }));
  const args = ['trace', '-f', file, '--from', WEB.externalClient, '--to', `${WEB.lbIP}:${WEB.port}`];

  it('lists the endpoints the packet treats alike as one line of text, and every endpoint in --json', async () => {
    const text = await run([...args, '--at-node', 'node-a', '--policy', 'Cluster']);
    expect(text.code).toBe(0);
    // The ENDPOINTS table, up to the blank line after it: its header and one row.
    const table = text.out.slice(text.out.indexOf('\nENDPOINTS\n') + 1).split('\n\n')[0];
    expect(table.split('\n').slice(2)).toHaveLength(1);
    expect(table).toMatch(
      /60 pods alike \(default\/web-00, …\) +:8080 +- +1\.7% each +192\.168\.0\.1 +allowed: for the first: /,
    );
    const json = JSON.parse((await run([...args, '--at-node', 'node-a', '--policy', 'Cluster', '--json'])).out);
    expect(json.endpoints).toHaveLength(60);
  });
});

describe('kubepath trace', () => {
  /** An outside client of the demo's Cluster LoadBalancer partner-gateway, entering at prod-worker-03. */
  const PARTNER_TRACE = [
    'trace',
    '-f',
    DEMO,
    '--from',
    '198.51.100.20',
    '--to',
    '192.0.2.22:443',
    '--at-node',
    'prod-worker-03',
  ];
  it('answers the JSON contract for an external client of a Cluster LoadBalancer', async () => {
    const r = await run([...PARTNER_TRACE, '--json']);
    expect(r.code).toBe(0);
    const t = JSON.parse(r.out);
    expect(t).toMatchObject({
      service: 'partner-api/partner-gateway',
      entry: 'loadBalancerIP',
      node: 'prod-worker-03',
      verdict: 'forwarded',
      masqueraded: true,
    });
    for (const key of ['snatSource', 'endpoints', 'policy', 'policyReason', 'reason', 'hops'])
      expect(t).toHaveProperty(key);
    expect(t.endpoints.length).toBeGreaterThan(1);
    for (const e of t.endpoints) {
      for (const key of [
        'ip',
        'port',
        'pod',
        'node',
        'share',
        'sourceIP',
        'clientIPPreserved',
        'policy',
        'policyReason',
      ])
        expect(e).toHaveProperty(key);
      expect(e.clientIPPreserved).toBe(false);
    }
    const shares = t.endpoints.reduce((s: number, e: { share: number }) => s + e.share, 0);
    expect(shares).toBeCloseTo(1, 6);
  });

  it('--policy Local is a what-if: the client IP survives and only local endpoints are used', async () => {
    const r = await run([...PARTNER_TRACE, '--policy', 'Local', '--json']);
    const t = JSON.parse(r.out);
    expect(t.masqueraded).toBe(false);
    for (const e of t.endpoints) {
      expect(e.node).toBe('prod-worker-03');
      expect(e.sourceIP).toBe('198.51.100.20');
    }
  });

  it('--json is one line to a file or pipe, indented at a terminal and with --pretty; --pretty alone is a usage error', async () => {
    const args = PARTNER_TRACE;
    const oneLine = await run([...args, '--json']);
    expect(oneLine.code).toBe(0);
    expect(oneLine.out).not.toContain('\n');
    const value = JSON.parse(oneLine.out);
    expect(value.service).toBe('partner-api/partner-gateway');
    const indented = JSON.stringify(value, null, 2);
    expect((await run([...args, '--json', '--pretty'])).out).toBe(indented);
    const terminal: string[] = [];
    await main([...args, '--json'], { out: (s) => terminal.push(s), err: () => {}, terminal: true });
    expect(terminal.join('\n')).toBe(indented);
    const bare = await run([...args, '--pretty']);
    expect(bare.code).toBe(2);
    expect(bare.err).toContain('--pretty indents the --json output: give --json too');
  });

  it('names unknown pods and nodes instead of guessing', async () => {
    const r = await run(['trace', '-f', DEMO, '--from', 'pod:nope/nothing', '--to', '10.96.0.1:443']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('pod nope/nothing is not in the cluster data');
    const n = await run(['trace', '-f', DEMO, '--from', '203.0.113.5', '--to', '10.96.0.1:443', '--at-node', 'ghost']);
    expect(n.err).toMatch(/--at-node ghost: no such node/);
  });
});

describe('progress while kubepath works', () => {
  it('tells each step with its numbers, and wipes the line before the report is printed', async () => {
    const events: string[] = [];
    const progress = { show: (text: string) => events.push(`show ${text}`), clear: () => events.push('clear') };
    const io = { out: () => events.push('out'), err: () => events.push('err'), progress };
    expect(await main(['analyze', '-f', DEMO], io)).toBe(0);
    const services = analyzeObjects(JSON.parse(readFileSync(DEMO, 'utf8')).items).analysis.services.length;
    expect(events[0]).toBe(`show reading ${DEMO}…`);
    expect(events[1]).toMatch(/^show building the cluster model \(\d+ objects\)…$/);
    expect(events).toContain(`show analysing Services… 100% (${services} of ${services})`);
    const lastShow = Math.max(...events.map((e, i) => (e.startsWith('show') ? i : -1)));
    expect(events.indexOf('clear')).toBeGreaterThan(lastShow);
    expect(events.indexOf('out')).toBeGreaterThan(events.indexOf('clear'));
  });

  it("tells how far the parse of a large YAML list is, and gives the JSON file's report", async () => {
    // The demo cluster as kubectl's YAML, its pods repeated (renamed) until the list is parsed in three parts or more.
    const items = JSON.parse(readFileSync(DEMO, 'utf8')).items as { kind: string; metadata: { name: string } }[];
    const pods = items.filter((o) => o.kind === 'Pod');
    // Copied whole: objects shared between entries would be written as YAML aliases, which a part cannot resolve.
    const extra = structuredClone(
      [1, 2].flatMap((i) =>
        pods.map((p) => ({ ...p, metadata: { ...p.metadata, name: `${p.metadata.name}-copy-${i}` } })),
      ),
    );
    const doc = { apiVersion: 'v1', items: [...items, ...extra], kind: 'List' };
    const yaml = tempFile('cluster.yaml', stringify(doc, { indentSeq: false }));
    const json = tempFile('cluster.json', JSON.stringify(doc));
    expect(readFileSync(yaml, 'utf8').length).toBeGreaterThan(2 * YAML_PART_CHARS);
    const shown: string[] = [];
    const out: string[] = [];
    const progress = { show: (text: string) => shown.push(text), clear: () => undefined };
    expect(await main(['analyze', '-f', yaml], { out: (t) => out.push(t), err: () => undefined, progress })).toBe(0);
    const percents = shown.flatMap((t) => /^reading .*cluster\.yaml… parsing YAML (\d+)%$/.exec(t)?.[1] ?? []);
    expect(percents.length).toBeGreaterThanOrEqual(2);
    expect(percents.map(Number)).toEqual([...percents.map(Number)].sort((a, b) => a - b));
    const fromJson = await run(['analyze', '-f', json]);
    expect(out.join('\n').replaceAll(yaml, json)).toBe(fromJson.out);
  });

  it('counts the objects a live cluster has listed', async () => {
    // Two pages of Pods: the count grows page by page.
    const { FakeTransport, raw } = await import('../lib/live/testing/fake-transport');
    const t = new FakeTransport('kwok', 'https://127.0.0.1:26444');
    t.seed(
      'Pod',
      Array.from({ length: 700 }, (_, i) => raw.pod('shop', `web-${i}`, 'node-a', `10.244.${i >> 8}.${i & 255}`, {})),
    );
    const shown: string[] = [];
    const progress = { show: (text: string) => shown.push(text), clear: () => undefined };
    await main(
      ['analyze', '--context', 'kwok', '--json'],
      { out: () => undefined, err: () => undefined, progress },
      async () => ({
        transport: t,
      }),
    );
    expect(shown.slice(0, 2)).toEqual(['connecting to the cluster…', 'reading the cluster…']);
    const counts = shown.flatMap((s) => /^reading the cluster… ([\d,]+) objects listed$/.exec(s)?.[1] ?? []);
    expect(counts.at(-1)).toBe('700');
    expect(counts.length).toBeGreaterThanOrEqual(2);
    expect(counts).not.toContain('0'); // the kinds listed before the pods are empty here: no "0 objects listed
  });
});

describe('the kubepath bin', () => {
  it('shows its progress on stderr at a terminal only, and the output is whole', () => {
    // `script` runs the command on a pseudo-terminal and relays what it writes there (util-linux, in Debian's base).
    const file = join(mkdtempSync(join(tmpdir(), 'kubepath-tty-')), 'out.json');
    const tty = spawnSync(
      'script',
      ['-qec', `node cli/kubepath.mjs analyze -f ${DEMO} --json > ${file}`, '/dev/null'],
      {
        encoding: 'utf8',
      },
    );
    expect(tty.status).toBe(0);
    expect(tty.stdout).toContain(`\rreading ${DEMO}…`);
    expect(tty.stdout).toMatch(/\ranalysing Services… \d+% \(\d+ of \d+\)/);
    expect(tty.stdout).toMatch(/\r +\r$/); // wiped at the end
    expect(JSON.parse(readFileSync(file, 'utf8')).services.length).toBeGreaterThan(3);
    // Not a terminal: nothing but the output (and the demo's warnings, none of them progress).
    const piped = spawnSync('node', ['cli/kubepath.mjs', 'analyze', '-f', DEMO, '--json'], { encoding: 'utf8' });
    expect(piped.status).toBe(0);
    expect(piped.stderr).not.toMatch(/\r|analysing|reading/);
  }, 30000);

  it('runs through npx from the repository', () => {
    const out = execFileSync('npx', ['--no-install', 'kubepath', 'help'], { encoding: 'utf8' });
    expect(out).toContain('kubepath analyze -f SNAPSHOT');
    const bad = spawnSync('node', ['cli/kubepath.mjs', 'analyze', '-f', '/does/not/exist'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('cannot read /does/not/exist');
  }, 30000);

  it('stops quietly when its reader goes away (`| head`), keeping the --fail-on exit code', async () => {
    // 310 KB of JSON: more than a pipe holds, so the writes after the reader closed fail with EPIPE.
    const child = spawn('node', ['cli/kubepath.mjs', 'analyze', '-f', DEMO, '--json', '--fail-on', 'warning'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (d) => resolve(String(d))));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(first.startsWith('{')).toBe(true);
    expect(stderr).toBe('');
    expect(code).toBe(1); // the demo has warnings: the gate fails whether or not the output was read
  }, 30000);

  it('says in one line that the output is incomplete when it cannot be written (a full disk), and exits 2', () => {
    // /dev/full: every write fails with ENOSPC, as on a full disk (Linux; CI runs Debian).
    for (const extra of [['--json'], []]) {
      const fd = openSync('/dev/full', 'w');
      const r = spawnSync('node', ['cli/kubepath.mjs', 'analyze', '-f', DEMO, ...extra], {
        stdio: ['ignore', fd, 'pipe'],
        encoding: 'utf8',
      });
      closeSync(fd);
      expect(r.status).toBe(2); // never 0: what was asked for is not all there
      expect(r.stderr).toBe(
        'kubepath: cannot write the output (no space left on device); what was written is incomplete\n',
      );
    }
  }, 30000);
});

describe('kubepath analyze --json through the bin', () => {
  // A few MB of JSON (many output buffers), with a Service whose name holds DEL and C1 controls.
  const objects = [
    ...generateCluster({ nodes: 40, pods: 1200, services: 80, networkPolicies: 10 }),
    {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { namespace: 'shop', name: 'web\u007f\u009b31m\u0085©' },
      spec: { type: 'NodePort', clusterIP: '10.96.0.10', ports: [{ port: 80, nodePort: 30080 }] },
    },
  ];
  const file = tempFile('generated.json', JSON.stringify({ kind: 'List', apiVersion: 'v1', items: objects }));
  const analysis = () => analyzeObjects(objects).analysis;
  /** One line to a file or pipe; 2-space indentation with --pretty (and at a terminal, cli/json-stream.test.ts). */
  const expected = (indent = false) =>
    `${escapeJsonText(indent ? JSON.stringify(analysis(), null, 2) : JSON.stringify(analysis()))}\n`;
  const args = ['cli/kubepath.mjs', 'analyze', '-f', file, '--json'];

  /** What the bin writes to a regular file with `extra` arguments. */
  async function toFile(extra: string[]): Promise<string> {
    const out = join(mkdtempSync(join(tmpdir(), 'kubepath-out-')), 'analysis.json');
    const fd = openSync(out, 'w');
    const child = spawn('node', [...args, ...extra], { stdio: ['ignore', fd, 'pipe'] });
    closeSync(fd);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    return readFileSync(out, 'utf8');
  }

  it('writes exactly the escaped JSON.stringify(analysis), one line, to a regular file', async () => {
    const text = await toFile([]);
    expect(text.length).toBeGreaterThan(1 << 20); // more than one output buffer
    expect(text).toContain('web\\u007f\\u009b31m\\u0085©');
    expect(text.indexOf('\n')).toBe(text.length - 1);
    expect(text).toBe(expected());
  }, 60000);

  it('writes exactly the escaped JSON.stringify(analysis, null, 2) with --pretty', async () => {
    const text = await toFile(['--pretty']);
    expect(text.length).toBeGreaterThan(2 << 20); // more than two output buffers
    expect(text).toContain('web\\u007f\\u009b31m\\u0085©');
    expect(text).toBe(expected(true));
  }, 60000);

  it('writes exactly the same bytes to a pipe read slowly (backpressure)', async () => {
    const child = spawn('node', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const pieces: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => {
      pieces.push(d);
      child.stdout.pause(); // a reader slower than the writer: the pipe fills up
      setTimeout(() => child.stdout.resume(), 2);
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(Buffer.concat(pieces).toString('utf8')).toBe(expected());
  }, 60000);
});

describe('kubepath with hostile input', () => {
  const list = (...items: object[]) => JSON.stringify({ kind: 'List', apiVersion: 'v1', items });
  const node = (name: string, labels: unknown = {}) => ({
    kind: 'Node',
    metadata: { name, labels },
    status: { addresses: [{ type: 'InternalIP', address: '192.168.0.1' }] },
  });
  const service = (name: string, ports: unknown[], extra: object = {}) => ({
    kind: 'Service',
    metadata: { namespace: 'shop', name },
    spec: { type: 'NodePort', clusterIP: '10.96.0.10', ports, selector: { app: name }, ...extra },
  });

  it('warnings saying the same of many objects are one line on stderr; --json keeps each', async () => {
    const items: object[] = [node('n1')];
    for (let i = 0; i < 40; i++) {
      items.push(service(`s${i}`, [{ port: 80, nodePort: 30000 + i }]));
      items.push({
        kind: 'Endpoints',
        metadata: { namespace: 'shop', name: `s${i}` },
        subsets: [{ addresses: [{ ip: `10.0.0.${i + 1}` }], ports: [{ port: 80 }] }],
      });
    }
    const file = tempFile('legacy.json', list(...items));
    const r = await run(['analyze', '-f', file]);
    expect(r.code).toBe(0);
    expect(r.err.trim().split('\n')).toEqual([
      'warning: Endpoints shop/s0, shop/s1, shop/s2 and 37 more: no EndpointSlice for this Service; using the legacy Endpoints object',
    ]);
    const json = await run(['analyze', '-f', file, '--json']);
    expect(JSON.parse(json.out).warnings).toHaveLength(40);
  });

  it('a malformed object is one warning naming it; the rest is analysed and the exit code is 0', async () => {
    const file = tempFile(
      'bad.json',
      list(node('n1', 'zone=a'), node('n2'), service('web', [{ port: 80, nodePort: 30080 }])),
    );
    const r = await run(['analyze', '-f', file]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^warning: Node n1: field metadata\.labels: .*object left out of the analysis$/m);
    expect(r.err).not.toContain('internal error');
    expect(r.out).toContain('shop/web');
    // Fails closed under --fail-on, unless the partial reading is accepted.
    expect((await run(['analyze', '-f', file, '--fail-on', 'error'])).code).toBe(2);
    const accepted = await run(['analyze', '-f', file, '--fail-on', 'warning', '--allow-partial']);
    expect(accepted.err).toMatch(
      /^warning: partial reading accepted \(--allow-partial\): 1 malformed object\(s\) left out/m,
    );
    expect(accepted.code).toBe(1); // judged by its findings: web has no endpoints
  });

  it('Service ports -1 and 70000 and an unknown protocol are warnings; the valid port is kept', async () => {
    const file = tempFile(
      'ports.json',
      list(
        node('n1'),
        service('web', [{ port: -1 }, { port: 70000 }, { port: 81, protocol: 'QUIC' }, { port: 80, nodePort: 30080 }]),
      ),
    );
    const r = await run(['analyze', '-f', file, '--json']);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.out);
    expect(a.services[0].entries.map((e: { port: number }) => e.port)).toEqual([80, 30080]);
    expect(a.warnings.map((w: { message: string }) => w.message).slice(0, 3)).toEqual([
      'field spec.ports[0].port: less than 1; spec.ports[0] ignored',
      'field spec.ports[1].port: greater than 65535; spec.ports[1] ignored',
      'field spec.ports[2].protocol: not one of TCP, UDP, SCTP; spec.ports[2] ignored',
    ]);
  });

  it('escapes terminal control characters from cluster objects in human output, and C1 controls in JSON', async () => {
    const evil = 'web\u001b]0;pwned\u0007\u009b31m';
    const file = tempFile('evil.json', list(node('n1'), service(evil, [{ port: 80, nodePort: 30080 }])));
    const human = await run(['analyze', '-f', file]);
    expect(human.out).toContain('shop/web\\e]0;pwned\\x07\\x9b31m');
    expect(human.out + human.err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    const json = await run(['analyze', '-f', file, '--json']);
    expect(json.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(JSON.parse(json.out).services[0].name).toBe(evil); // the same value, escaped in the JSON text
  });

  it('prints IPv6 endpoints as [IP]:PORT', async () => {
    const file = tempFile(
      'v6.json',
      list(
        {
          kind: 'Node',
          metadata: { name: 'n1' },
          status: { addresses: [{ type: 'InternalIP', address: 'fd00:1::11' }] },
        },
        {
          kind: 'Service',
          metadata: { namespace: 'a', name: 'v6' },
          spec: { clusterIP: 'fd00:10:96::a', ports: [{ port: 80, targetPort: 8080 }], selector: { app: 'v6' } },
        },
        {
          kind: 'EndpointSlice',
          metadata: { namespace: 'a', name: 'v6-x', labels: { 'kubernetes.io/service-name': 'v6' } },
          addressType: 'IPv6',
          endpoints: [{ addresses: ['fd00:10:244::5'], nodeName: 'n1' }],
          ports: [{ port: 8080 }],
        },
      ),
    );
    const r = await run(['trace', '-f', file, '--from', 'fd00:99::1', '--to', '[fd00:10:96::a]:80', '--at-node', 'n1']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('[fd00:10:244::5]:8080');
    expect(r.out).not.toMatch(/(^|\s)fd00:10:244::5:8080/m);
  });

  it('an unreadable file is one clear line and exit 2', async () => {
    const r = await run(['analyze', '-f', '/dev/urandom']);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(
      'error: /dev/urandom is not a regular file (a character device); only files are read',
    );
  });

  it('reads a UTF-16 LE snapshot as PowerShell 5.1 writes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubepath-cli-'));
    const file = join(dir, 'ps.json');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(list(node('n1'), service('web', [{ port: 80, nodePort: 30080 }])), 'utf16le'),
      ]),
    );
    const r = await run(['analyze', '-f', file, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).services.map((x: { service: string }) => x.service)).toEqual(['shop/web']);
  });
});
