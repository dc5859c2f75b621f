import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** nilecare-lint's own version, read from its package.json (reporters and the facts cache record it). */
export function toolVersion(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      return (JSON.parse(readFileSync(path.join(here, candidate), 'utf8')) as { version: string }).version;
    } catch {
      // try the next layout (src/ when run from source, dist/src/ when built)
    }
  }
  return '0.0.0';
}
