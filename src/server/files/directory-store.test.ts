import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBlobKey } from './blob-store';
import { blobStoreContract } from './blob-store.contract';
import { directoryBlobStore } from './directory-store';

blobStoreContract('the directory store', async () => {
  const root = mkdtempSync(join(tmpdir(), 'tandem-blobs-'));
  return {
    store: directoryBlobStore(join(root, 'files')),
    // Every file under the store's folder, temporary ones included.
    leftovers: () =>
      readdirSync(join(root, 'files'), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name),
    close: async () => rmSync(root, { recursive: true, force: true }),
  };
});

describe('blob keys', () => {
  it('are only those a store could have made: no path, no dots, no upper case', () => {
    for (const bad of [
      '../secret',
      'a/b',
      '',
      'ABCDEF0123456789ABCDEF0123456789',
      `${'0'.repeat(31)}.`,
    ]) {
      expect(parseBlobKey(bad)).toBeNull();
    }
    expect(parseBlobKey('0123456789abcdef0123456789abcdef')).not.toBeNull();
  });
});
