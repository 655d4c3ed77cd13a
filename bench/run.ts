// `npm run bench`: parse → model → analysis at 10% and 100% of Kubernetes' scale limits.
// Prints the figures and compares analysis time against the baseline measured in the same run
// (the time to parse the snapshot), with the target analysis ≤ 2× parse.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSnapshotText } from '../lib/snapshot/parse';
import { buildClusterModel } from '../lib/model/build';
import { detectDataplane } from '../lib/engine/dataplane';
import { analyzeCluster } from '../lib/engine/analyze';
import { FULL_SCALE, generateCluster, type ClusterSize } from './generate';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;

interface Figures {
  size: ClusterSize;
  bytes: number;
  parseMs: number;
  modelMs: number;
  analysisMs: number;
  findings: number;
  heapPeak: number;
}

function runOnce(size: ClusterSize, outDir: string): Figures {
  const file = join(outDir, `cluster-${size.nodes}.json`);
  writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: generateCluster(size) }));
  gc();
  const text = readFileSync(file, 'utf8');
  let heapPeak = 0;
  const sample = () => {
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  };
  let t = process.hrtime.bigint();
  const parsed = parseSnapshotText(text, file);
  const parseMs = ms(t);
  sample();
  if (parsed.errors.length) throw new Error(`generated snapshot did not parse: ${parsed.errors[0].message}`);
  t = process.hrtime.bigint();
  const model = buildClusterModel(parsed.objects);
  const modelMs = ms(t);
  sample();
  t = process.hrtime.bigint();
  const analysis = analyzeCluster(model, detectDataplane(model));
  const analysisMs = ms(t);
  sample();
  return { size, bytes: text.length, parseMs, modelMs, analysisMs, findings: analysis.findings.length, heapPeak };
}

function main(): void {
  const outDir = join(import.meta.dirname, 'out');
  mkdirSync(outDir, { recursive: true });
  const tenth: ClusterSize = {
    nodes: FULL_SCALE.nodes / 10,
    pods: FULL_SCALE.pods / 10,
    services: FULL_SCALE.services / 10,
    networkPolicies: FULL_SCALE.networkPolicies / 10,
  };
  const rows = [runOnce(tenth, outDir), runOnce(FULL_SCALE, outDir)];
  console.log('kubepath benchmark (one run each; figures in milliseconds)\n');
  console.log(`${'scale'.padEnd(48)}snapshot   parse     model     analysis  findings  heap peak`);
  for (const r of rows) {
    const label = `${r.size.nodes} nodes/${r.size.pods} pods/${r.size.services} svc/${r.size.networkPolicies} netpol`;
    console.log(
      `${label.padEnd(48)}${mb(r.bytes).padEnd(11)}${r.parseMs.toFixed(0).padEnd(10)}${r.modelMs.toFixed(0).padEnd(10)}${r.analysisMs.toFixed(0).padEnd(10)}${String(r.findings).padEnd(10)}${mb(r.heapPeak)}`,
    );
  }
  const [small, full] = rows;
  const ratio = (full.modelMs + full.analysisMs) / full.parseMs;
  const growth = (full.modelMs + full.analysisMs) / Math.max(1, small.modelMs + small.analysisMs);
  console.log(`\npeak RSS: ${mb(process.resourceUsage().maxRSS * 1024)}`);
  console.log(
    `baseline (parse at full scale): ${full.parseMs.toFixed(0)} ms; model+analysis: ${(full.modelMs + full.analysisMs).toFixed(0)} ms = ${ratio.toFixed(2)}× parse (target ≤ 2×): ${ratio <= 2 ? 'PASS' : 'FAIL'}`,
  );
  console.log(`growth from 10% to 100% scale: ${growth.toFixed(1)}× for 10× the objects (linear ≈ 10×)`);
  process.exitCode = ratio <= 2 ? 0 : 1;
}

main();
