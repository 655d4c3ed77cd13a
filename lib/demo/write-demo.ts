// Regenerates the committed demo snapshots and SCENARIOS.md from their builders.
// Run: node --import tsx lib/demo/write-demo.ts   (demo.test.ts fails when they are out of date)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDemoCiliumCluster, buildDemoCluster, demoListJSON } from './build-demo';
import { FRONT_DOOR_STORIES, renderStoriesMarkdown } from './frontdoor-stories';
import { renderScenariosMarkdown } from './scenarios';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

const prod = buildDemoCluster();
const edge = buildDemoCiliumCluster();
writeFileSync(here('./demo-cluster.json'), demoListJSON(prod));
writeFileSync(here('./demo-cilium-cluster.json'), demoListJSON(edge));
writeFileSync(
  here('./SCENARIOS.md'),
  renderScenariosMarkdown({ 'northwind-prod': prod, 'northwind-edge': edge }) + renderStoriesMarkdown(),
);
// Issue 9's front-door stories: one small snapshot each (lib/demo/frontdoor-stories.ts).
for (const story of FRONT_DOOR_STORIES) writeFileSync(here(`./stories/${story.id}.json`), demoListJSON(story.build()));
console.log(
  `wrote demo-cluster.json (${prod.length} objects), demo-cilium-cluster.json (${edge.length} objects), SCENARIOS.md`,
);
