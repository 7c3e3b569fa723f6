#!/usr/bin/env node
// drillbot runs its TypeScript sources through tsx, a runtime dependency, so this command
// works the same after `npm install` and after `npm ci --omit=dev`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
