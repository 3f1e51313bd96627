#!/usr/bin/env node
// Builds what `tandem` runs: the server and CLI bundle (esbuild) and the web app (Vite).
// `--if-stale` skips the work when dist/ is newer than every source file; `--quiet` then says
// nothing (the `tandem` command runs it before every command).
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildIsStale, cliOut, root, viteConfig, webOut } from './build-stale.mjs';

const ifStale = process.argv.includes('--if-stale');
const quiet = process.argv.includes('--quiet');

function say(line) {
  process.stdout.write(`build: ${line}\n`);
}

if (ifStale && !buildIsStale()) {
  if (!quiet) say('dist/ is up to date, nothing to do');
  process.exit(0);
}

async function buildServer() {
  const started = Date.now();
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(root, 'src/cli/index.ts')],
    outfile: cliOut,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  say(`server and CLI -> ${relative(root, cliOut)} (${Date.now() - started} ms)`);
}

async function buildWeb() {
  if (!existsSync(viteConfig)) {
    say('warning: vite.config.ts does not exist yet, skipping the web app');
    return;
  }
  const started = Date.now();
  const { build } = await import('vite');
  await build({
    configFile: viteConfig,
    root: join(root, 'src/web'),
    build: { outDir: webOut, emptyOutDir: true },
    logLevel: 'warn',
  });
  say(`web app -> ${relative(root, webOut)} (${Date.now() - started} ms)`);
}

try {
  await buildServer();
  await buildWeb();
} catch (error) {
  process.stderr.write(`build: failed: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
}
