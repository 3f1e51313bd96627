#!/usr/bin/env node
// The `tandem` command. Node 20 cannot run TypeScript, so this runs the built bundle, building it
// first when the sources are newer (in a checkout, where the build tools are installed).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/cli.js', import.meta.url);
const buildScript = fileURLToPath(new URL('../scripts/build.mjs', import.meta.url));
const staleCheck = new URL('../scripts/build-stale.mjs', import.meta.url);
const sources = fileURLToPath(new URL('../src', import.meta.url));

if (existsSync(buildScript) && existsSync(sources)) {
  // Asked in this process: starting a second Node.js only to learn that dist/ is fresh costs more.
  const { buildIsStale } = await import(staleCheck.href);
  if (buildIsStale()) {
    // Build output goes to standard error so that `--json` output stays clean.
    const build = spawnSync(process.execPath, [buildScript, '--if-stale', '--quiet'], {
      stdio: ['ignore', 2, 2],
    });
    if (build.status !== 0) process.exit(1);
  }
}
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('tandem: the build is missing; run `npm run build` first\n');
  process.exit(1);
}
await import(bundle.href);
