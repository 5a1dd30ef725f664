#!/usr/bin/env node
// The `jak-kg` command: runs the TypeScript CLI (src/cli/main.ts) through tsx's loader; there is no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
process.exit(await runCli(process.argv.slice(2)));
