// One benchmark measurement, run as its own process by bench/run.ts: generates the cluster of one
// scenario at one scale, writes the snapshot file, then times each phase in CPU time (user + system;
// on a machine other work loads, wall time says more about the neighbours than about kubepath):
// parse → model → paths (per-Service analysis) → findings (per-Service stages and cluster-wide
// stages) → JSON output (streamed, as `analyze --json` writes it). Prints one JSON line.
import { writeFileSync } from 'node:fs';
import { parseSnapshotText } from '../lib/snapshot/parse';
import { buildClusterModel } from '../lib/model/build';
import { detectDataplane } from '../lib/engine/dataplane';
import { assembleAnalysis, serviceAnalysisOrder } from '../lib/engine/analyze';
import { policyIndexFor } from '../lib/engine/facade';
import { createClusterFacts, prepareService, runServiceRules, type ServiceFacts } from '../lib/engine/findings';
import type { Finding } from '../lib/engine/types';
import { jsonChunks } from '../cli/json-stream';
import { readFileSync } from 'node:fs';
import { generateCluster, scenarioNamed, sizeAt, type Scenario } from './generate';

/** What one measurement prints (times in CPU milliseconds). */
export interface PhaseFigures {
  scenario: Scenario;
  scale: number;
  file: string;
  objects: number;
  bytes: number;
  parseMs: number;
  modelMs: number;
  pathsMs: number;
  findingsMs: number;
  outputMs: number;
  findings: number;
  podRows: number;
  outputBytes: number;
  heapPeak: number;
  rss: number;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Generates the cluster, writes its snapshot file and measures it. */
function generateAndMeasure(scenario: Scenario, scale: number, file: string): PhaseFigures {
  const items = generateCluster(sizeAt(scale), scenario);
  writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  const objects = items.length;
  items.length = 0;
  gc();
  return measure(scenario, scale, file, objects);
}

/**
 * Times each phase on the snapshot file (`objects`: how many objects it holds, or null to count the parsed
 * ones — a file written by an earlier run, measured again).
 */
function measure(scenario: Scenario, scale: number, file: string, objects: number | null): PhaseFigures {
  const text = readFileSync(file, 'utf8');
  let heapPeak = 0;
  const sample = () => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed));

  let t = cpu();
  const parsed = parseSnapshotText(text, file);
  const parseMs = cpu() - t;
  sample();
  if (parsed.errors.length) throw new Error(`generated snapshot did not parse: ${parsed.errors[0].message}`);

  t = cpu();
  const model = buildClusterModel(parsed.objects);
  const modelMs = cpu() - t;
  sample();

  // analyzeService's two steps, timed apart (lib/engine/analyze.ts).
  const dataplane = detectDataplane(model);
  let pathsMs = 0;
  let findingsMs = 0;
  t = cpu();
  const facts = createClusterFacts(model, dataplane, policyIndexFor(model));
  pathsMs += cpu() - t;
  const prepared = new Map<string, ServiceFacts>();
  const serviceFindings = new Map<string, Finding[]>();
  // In the order the CLI analyses them (analysisOrder: a large Service after the first small ones).
  const keys = [...model.services.keys()].sort();
  for (const i of serviceAnalysisOrder(model, keys)) {
    const key = keys[i];
    t = cpu();
    const svc = prepareService(facts, model.services.get(key)!, {});
    const t1 = cpu();
    pathsMs += t1 - t;
    const found = runServiceRules({ cluster: facts, svc });
    svc.analysis.findings = [...new Set(found.map((f) => f.id))].sort();
    findingsMs += cpu() - t1;
    prepared.set(key, svc);
    serviceFindings.set(key, found);
  }
  t = cpu();
  const analysis = assembleAnalysis(model, dataplane, facts, prepared, serviceFindings);
  findingsMs += cpu() - t;
  sample();

  t = cpu();
  let outputBytes = 0;
  for (const c of jsonChunks(analysis, { indent: false })) outputBytes += c.length; // as to a file
  const outputMs = cpu() - t;
  sample();

  return {
    scenario,
    scale,
    file,
    objects: objects ?? parsed.objects.length,
    bytes: text.length,
    parseMs,
    modelMs,
    pathsMs,
    findingsMs,
    outputMs,
    findings: analysis.findings.length,
    podRows: analysis.services.reduce((n, s) => n + s.paths.Cluster.pods.length + s.paths.Local.pods.length, 0),
    outputBytes,
    heapPeak,
    rss: process.resourceUsage().maxRSS * 1024,
  };
}

/** Only writes the snapshot file (a shape measured as whole processes only); prints its size. */
function writeOnly(scenario: Scenario, scale: number, file: string): { file: string; objects: number; bytes: number } {
  const items = generateCluster(sizeAt(scale), scenario);
  const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
  writeFileSync(file, text);
  return { file, objects: items.length, bytes: text.length };
}

// `phase.ts SHAPE SCALE FILE` generates, writes and measures; `--write-only` only writes; `--measure-only`
// measures the FILE an earlier run wrote (bench/run.ts measures a scale again this way).
const [name, scale, file, mode] = process.argv.slice(2);
const scenario = scenarioNamed(name);
console.log(
  JSON.stringify(
    mode === '--write-only'
      ? writeOnly(scenario, Number(scale), file)
      : mode === '--measure-only'
        ? measure(scenario, Number(scale), file, null)
        : generateAndMeasure(scenario, Number(scale), file),
  ),
);
