// Regenerates lib/engine/frontdoor/catalog.json from ../shared/reference/source-ip-catalog.json: only the
// load-balancer and proxy entries, only the keys the engine evaluates (detection rules, effects, PROXY
// switches, sources). Usage: node scripts/frontdoor-catalog.mjs [path/to/source-ip-catalog.json]
import { readFileSync, writeFileSync } from 'node:fs';

const from = process.argv[2] ?? '../shared/reference/source-ip-catalog.json';
const entries = JSON.parse(readFileSync(from, 'utf8'));
const out = entries
  .filter((e) => e.kind === 'loadbalancer' || e.kind === 'proxy')
  .map((e) => ({
    id: e.id,
    kind: e.kind,
    name: e.name,
    layer: e.layer ?? null,
    priority: e.detect.priority ?? 99,
    rules: e.detect.rules ?? [],
    preservesClientIP: {
      toTarget: e.preservesClientIP.toTarget ?? null,
      cluster: e.preservesClientIP.cluster,
      local: e.preservesClientIP.local,
      overrides: e.preservesClientIP.overrides ?? [],
    },
    sendsTo: e.sendsTo,
    healthCheckNodePort: e.healthCheckNodePort,
    proxyProtocol: {
      supported: e.proxyProtocol.supported,
      version: e.proxyProtocol.version ?? null,
      enabledWhen: e.proxyProtocol.enabledWhen ?? [],
    },
    clientIPCarriers: e.clientIPCarriers ?? [],
    confidence: e.confidence ?? null,
    sources: e.sources.slice(0, 3),
  }));
writeFileSync('lib/engine/frontdoor/catalog.json', JSON.stringify(out, null, 1) + '\n');
console.log(`${out.length} entries`);
