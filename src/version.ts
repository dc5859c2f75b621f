import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTextFile } from './io/read-regular-file.js';

/** nilecare-lint's own version, read from its package.json (reporters and the facts cache record it). */
export function toolVersion(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of ['..', '../..']) {
    try {
      // The tool's own package.json, read inside the tool's own folder.
      const text = readTextFile('package.json', { root: path.join(here, candidate), maxBytes: 1024 * 1024 });
      if (text !== undefined) return (JSON.parse(text) as { version: string }).version;
    } catch {
      // try the next layout (src/ when run from source, dist/src/ when built)
    }
  }
  return '0.0.0';
}
