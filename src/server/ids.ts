import { v7 } from 'uuid';
import type { Brand } from '../domain/ids';

/** A new UUIDv7: time-ordered, so keys index well and sort by creation. */
export function newId<T extends Brand<string, string>>(): T {
  return v7() as T;
}
