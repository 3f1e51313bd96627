/**
 * Lints the server's OpenAPI document with two linters Tandem does not write: Redocly's
 * recommended rules and Spectral's `spectral:oas`. Any error fails; warnings are listed in
 * redocly.yaml and .spectral.yaml with the decision that allows them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openapiDocument } from './openapi-document';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const folder = mkdtempSync(join(tmpdir(), 'tandem-openapi-'));
const file = join(folder, 'openapi.json');
writeFileSync(file, JSON.stringify(await openapiDocument(), null, 2));

function run(command: string, args: string[]): boolean {
  const result = spawnSync(join(root, 'node_modules/.bin', command), args, {
    cwd: root,
    stdio: 'inherit',
    // Linting stays on this machine: no usage reports, no update checks.
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  return result.status === 0;
}

try {
  const redocly = run('redocly', ['lint', '--format', 'stylish', file]);
  const spectral = run('spectral', [
    'lint',
    '--ruleset',
    join(root, '.spectral.yaml'),
    '--fail-severity',
    'error',
    file,
  ]);
  if (!redocly || !spectral) process.exit(1);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
