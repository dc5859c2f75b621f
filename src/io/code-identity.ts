/**
 * Which build of the tool is running, as a digest: a result one build stored (the project model the
 * facts cache keeps) is not taken by another build of the same version, whose code may decide otherwise.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
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
  // The first line alone: the bundle is ~4 MB, read whole (as a string) by every run that keeps a model.
  let fd: number | undefined;
  try {
    fd = openSync(self, 'r');
    const bytes = Buffer.alloc(128);
    head = bytes.toString('latin1', 0, readSync(fd, bytes, 0, bytes.length, 0));
  } catch {
    // unreadable: the stats below decide
  } finally {
    if (fd !== undefined) closeSync(fd);
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
