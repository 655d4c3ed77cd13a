#!/usr/bin/env node
// The `kubepath` command: loads the TypeScript CLI through tsx so it runs from a checkout
// (`npx kubepath …`) and as the package's bin without a separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
