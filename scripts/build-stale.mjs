// Whether dist/ is older than what it is built from. Plain JavaScript with no dependencies, so
// the `tandem` command can ask in its own process before it decides to run the build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const cliOut = join(root, 'dist', 'cli.js');
export const webOut = join(root, 'dist', 'web');
export const viteConfig = join(root, 'vite.config.ts');
const inputs = [
  'src',
  'package-lock.json',
  'vite.config.ts',
  'scripts/build.mjs',
  'scripts/build-stale.mjs',
];

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

export function buildIsStale() {
  const changed = Math.max(...inputs.map((input) => newest(join(root, input))));
  return oldestOutput() <= changed;
}
