import { createHash } from 'node:crypto';

/** Content hash of a file, for the cache and for detecting change. */
export function hashText(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
