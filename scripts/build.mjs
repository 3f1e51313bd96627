#!/usr/bin/env node
// Builds what `tandem` runs: the server and CLI bundle (esbuild) and the web app (Vite).
// `--if-stale` skips the work when dist/ is newer than every source file; `--quiet` then says
// nothing (the `tandem` command runs it before every command).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const cliOut = join(dist, 'cli.js');
const webOut = join(dist, 'web');
const viteConfig = join(root, 'vite.config.ts');
const ifStale = process.argv.includes('--if-stale');
const quiet = process.argv.includes('--quiet');

function say(line) {
  process.stdout.write(`build: ${line}\n`);
}

/** The newest modification time among the files under `path` (or of the file itself). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

/** The oldest output that must exist; a missing one makes the build stale. */
function oldestOutput() {
  const outputs = [cliOut];
  if (existsSync(viteConfig)) outputs.push(join(webOut, 'index.html'));
  let oldest = Number.POSITIVE_INFINITY;
  for (const file of outputs) {
    if (!existsSync(file)) return 0;
    oldest = Math.min(oldest, statSync(file).mtimeMs);
  }
  return oldest;
}

const inputs = ['src', 'package-lock.json', 'vite.config.ts', 'scripts/build.mjs'];
if (ifStale) {
  const built = oldestOutput();
  const changed = Math.max(...inputs.map((input) => newest(join(root, input))));
  if (built > changed) {
    if (!quiet) say('dist/ is up to date, nothing to do');
    process.exit(0);
  }
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
