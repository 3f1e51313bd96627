import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The rules that keep features owning their tables (docs/architecture.md), checked on imports. */

const featuresDir = join(import.meta.dirname, '..', 'src', 'server', 'features');

function featureFiles(): Array<{ feature: string; file: string; text: string }> {
  return readdirSync(featuresDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(featuresDir, d.name))
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .map((f) => ({
          feature: d.name,
          file: `${d.name}/${f}`,
          text: readFileSync(join(featuresDir, d.name, f), 'utf8'),
        })),
    );
}

function importsOf(text: string): string[] {
  return [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
}

describe('features own their tables', () => {
  it("never import another feature's queries: they call its service", () => {
    const crossings = featureFiles().flatMap(({ feature, file, text }) =>
      importsOf(text)
        .filter((path) => /^\.\.\/([a-z-]+)\/[a-z-]+\.queries$/.test(path))
        .filter((path) => !path.startsWith(`../${feature}/`))
        .map((path) => `${file} imports ${path}`),
    );
    expect(crossings).toEqual([]);
  });
});

describe('test files', () => {
  const root = join(import.meta.dirname, '..');
  const testFiles = (dir: string): string[] =>
    readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => join(dir, f));

  it('that mock modules, stub the environment or globals, or fake the clock are named *.isolated.test.ts', () => {
    // Test files share their worker's modules (vitest.config.ts); these would leak into the next.
    const leaky = /\bvi\.(mock|doMock|stubEnv|stubGlobal|useFakeTimers)\(/;
    const misnamed = [...testFiles('src'), ...testFiles('test')].filter(
      (file) =>
        !file.endsWith('.isolated.test.ts') && leaky.test(readFileSync(join(root, file), 'utf8')),
    );
    expect(misnamed).toEqual([]);
  });
});
