import type { Config } from '../config';
import type { BlobStore } from './blob-store';
import { directoryBlobStore } from './directory-store';
import { type S3BlobStore, type S3BucketSettings, s3BlobStore } from './s3-store';

/** The blob store the settings choose: the bucket (`TANDEM_FILES_S3_BUCKET`) or the files directory. */
export function openBlobStore(config: Pick<Config, 'filesDir' | 'filesBucket'>): BlobStore {
  return config.filesBucket ? s3BlobStore(config.filesBucket) : directoryBlobStore(config.filesDir);
}

/**
 * The same, once it is known to answer: a bucket that cannot be reached (wrong name, address or
 * credentials) is an error with a one-line message, rather than a failure at the first upload.
 */
export async function openCheckedBlobStore(
  config: Pick<Config, 'filesDir' | 'filesBucket'>,
): Promise<BlobStore> {
  if (!config.filesBucket) return directoryBlobStore(config.filesDir);
  return openCheckedBucket(config.filesBucket);
}

export async function openCheckedBucket(settings: S3BucketSettings): Promise<S3BlobStore> {
  const store = s3BlobStore(settings);
  await store.check();
  return store;
}
