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

// Dependencies a start loads are bundled with the server: resolving and loading hundreds of
// package files one by one was a tenth of a start (decision 069). These stay in node_modules
// because they load files from beside their own modules or are native addons (or are unused).
const externalPackages = [
  '@electric-sql/pglite', // its WebAssembly and data files
  '@node-rs/argon2', // a native addon
  'pino', // runs transports in worker threads by file path
  'pg-native', // pg's optional native client, which Tandem does not use
];

/**
 * Loaded on demand, yet bundled (their modules run when first imported): Drizzle's drivers and
 * better-auth's Drizzle adapter must share the bundle's copy of Drizzle, whose checks between
 * two copies walk prototype chains on every field of every row, and our pool must be the
 * driver's `pg`, which tells a pool by its class (decision 069).
 */
const bundledOnDemand = ['drizzle-orm', 'better-auth', 'pg'];

/**
 * A package our code loads on demand (`await import('exceljs')`) stays in node_modules, but for
 * `bundledOnDemand`: it costs a start nothing there, and Node, not the bundler, decides what a
 * CommonJS package exports to it.
 */
const packagesLoadedOnDemand = {
  name: 'packages-loaded-on-demand',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.kind === 'dynamic-import' &&
      !args.importer.includes('/node_modules/') &&
      !bundledOnDemand.some((name) => args.path === name || args.path.startsWith(`${name}/`))
        ? { path: args.path, external: true }
        : undefined,
    );
  },
};

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
    external: externalPackages,
    plugins: [packagesLoadedOnDemand],
    // Bundled CommonJS packages call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
    },
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
