/**
 * Which build of the tool is running, as a digest: a result one build stored (the project model the
 * facts cache keeps) is not taken by another build of the same version, whose code may decide otherwise.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const identities = new Map<string, string>();

/**
 * The bundle's digest (its first line, scripts/bundle-cli.mjs) when `moduleUrl` is in it, else the size and
 * modification time of every file beside the module and in its `model/` folder (dist/src, or src/ run from source).
 */
export function codeIdentity(moduleUrl: string): string {
  const known = identities.get(moduleUrl);
  if (known !== undefined) return known;
  const self = fileURLToPath(moduleUrl);
  let head = '';
  try {
    head = readFileSync(self, { encoding: 'latin1' }).slice(0, 128);
  } catch {
    // unreadable: the stats below decide
  }
  const digest = /^\/\/ nilecare-lint bundle sha256:([0-9a-f]{64})\n/.exec(head)?.[1];
  const identity = digest ?? statsDigest([path.dirname(self), path.join(path.dirname(self), 'model')]);
  identities.set(moduleUrl, identity);
  return identity;
}

function statsDigest(folders: readonly string[]): string {
  const parts: string[] = [];
  for (const folder of folders) {
    let names: string[] = [];
    try {
      names = readdirSync(folder).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      try {
        const stats = statSync(path.join(folder, name));
        if (stats.isFile()) parts.push(`${folder}/${name}:${stats.size}:${stats.mtimeMs}`);
      } catch {
        // gone meanwhile: left out
      }
    }
  }
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}
