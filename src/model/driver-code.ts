/**
 * Whether a file is a database driver's own code, by where it lies: in a package folder named after a driver
 * (`packages/pg/lib/connection-parameters.js`, `vendor/mysql2/…`, `node_modules/@neondatabase/serverless/…`).
 * A driver implements the TLS modes and option defaults its users choose from; an application file that only
 * happens to lie outside every service (`scripts/`, `tools/db/`) is no driver.
 */
import { driverEngine } from '../analysis/database-packages.js';

/** Folders that hold packages by their names: a workspace's, a vendored copy's, an installed one's. */
const PACKAGE_CONTAINERS = new Set(['packages', 'node_modules', 'vendor', 'vendors', 'third_party', 'third-party', 'deps', 'external']);

export function isDriverPackageCode(path: string): boolean {
  const parts = path.split('/');
  // Up to the file's own folder: a file named after a driver (`scripts/pg.js`) is no package.
  for (let i = 0; i + 1 < parts.length - 1; i++) {
    if (!PACKAGE_CONTAINERS.has(parts[i])) continue;
    const scoped = parts[i + 1].startsWith('@') && i + 2 < parts.length - 1;
    const name = scoped ? `${parts[i + 1]}/${parts[i + 2]}` : parts[i + 1];
    if (driverEngine(name) !== undefined) return true;
  }
  return false;
}
