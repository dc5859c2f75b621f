import { createHash } from 'node:crypto';

/** Collapses whitespace and case so reformatting a statement keeps its identity. */
export function normaliseForFingerprint(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Identity of a finding that survives line moves: rule, file, the normalised text of
 * what is wrong, and which occurrence of that text in the file it is.
 */
export function fingerprintOf(ruleId: string, file: string, text: string, occurrence: number): string {
  return createHash('sha256')
    .update(`${ruleId}\0${file}\0${normaliseForFingerprint(text)}\0${occurrence}`)
    .digest('hex')
    .slice(0, 32);
}
