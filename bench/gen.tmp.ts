import { writeFileSync } from 'node:fs';
import { FULL_SCALE, generateCluster } from './generate';
writeFileSync(process.argv[2], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: generateCluster(FULL_SCALE, process.argv[3] as never) }));
