#!/usr/bin/env node
// The `tandem` command. Node 20 cannot run TypeScript, so this runs the built bundle.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('tandem: the build is missing; run `npm run build` first\n');
  process.exit(1);
}
await import(bundle.href);
