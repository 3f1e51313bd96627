import type { Config } from '../config';
import type { BlobStore } from './blob-store';
import { directoryBlobStore } from './directory-store';

/** The blob store the settings choose: the files directory (`TANDEM_FILES_DIR`). */
export function openBlobStore(config: Pick<Config, 'filesDir'>): BlobStore {
  return directoryBlobStore(config.filesDir);
}
