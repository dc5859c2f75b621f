/**
 * SQL drivers a deployable in another language declares in its manifest (`go.mod` requiring
 * `github.com/jackc/pgx/v5`, `pyproject.toml` depending on `psycopg`, a Gemfile's `gem "mysql2"`):
 * the same evidence of its engine as `pg` in a package.json, for a service whose SQL files are all
 * the linter reads of it. Manifests are read as text (never run), small and capped.
 */
import type { Dialect } from '../analysis/facts.js';
import { FileAccessError } from '../io/file-access-error.js';
import { readTreeText } from '../io/source-tree.js';
import type { PackageIndex } from './packages.js';

const MAX_MANIFEST_BYTES = 256 * 1024;

/** Per manifest: how a dependency on each engine's drivers is written there. */
const MANIFESTS: ReadonlyArray<{ file: string; drivers: ReadonlyArray<[RegExp, Dialect]> }> = [
  {
    file: 'go.mod',
    drivers: [
      [/^\s*(?:require\s+)?(github\.com\/(?:jackc\/pgx(?:\/v\d+)?|lib\/pq)|gorm\.io\/driver\/postgres)\s+v/m, 'postgresql'],
      [/^\s*(?:require\s+)?(github\.com\/go-sql-driver\/mysql|gorm\.io\/driver\/mysql)\s+v/m, 'mysql'],
    ],
  },
  ...['pyproject.toml', 'requirements.txt', 'Pipfile', 'setup.py'].map((file) => ({
    file,
    drivers: [
      [/(?:^|["'\s])(psycopg2?(?:-binary)?|asyncpg|pg8000)(?=[\s"'[<>=~!;,]|$)/im, 'postgresql'],
      [/(?:^|["'\s])(pymysql|mysqlclient|aiomysql|asyncmy|mysql-connector-python)(?=[\s"'[<>=~!;,]|$)/im, 'mysql'],
    ] as ReadonlyArray<[RegExp, Dialect]>,
  })),
  {
    file: 'Gemfile',
    drivers: [
      [/^\s*gem\s+["'](pg)["']/m, 'postgresql'],
      [/^\s*gem\s+["'](mysql2|trilogy)["']/m, 'mysql'],
    ],
  },
  ...['pom.xml', 'build.gradle', 'build.gradle.kts'].map((file) => ({
    file,
    drivers: [
      [/(org\.postgresql)\b/, 'postgresql'],
      [/(mysql-connector-(?:java|j)|org\.mariadb\.jdbc)\b/, 'mysql'],
    ] as ReadonlyArray<[RegExp, Dialect]>,
  })),
];

export interface ForeignDriver {
  dialect: Dialect;
  /** The driver as the manifest names it (`github.com/jackc/pgx/v5`). */
  driver: string;
  /** Repo-relative manifest (`services/ledger/go.mod`). */
  file: string;
}

/** The SQL drivers the other-language manifests directly in `folder` declare. */
export function foreignDrivers(packages: PackageIndex, folder: string): ForeignDriver[] {
  const out: ForeignDriver[] = [];
  for (const manifest of MANIFESTS) {
    const file = folder ? `${folder}/${manifest.file}` : manifest.file;
    if (packages.tree.entry(file) !== 'file') continue;
    let text: string | undefined;
    try {
      text = readTreeText(packages.tree, file, { maxBytes: MAX_MANIFEST_BYTES, symlinks: 'never' });
    } catch (error) {
      if (!(error instanceof FileAccessError)) throw error;
      continue; // a link or an oversized file declares nothing here
    }
    if (text === undefined) continue;
    for (const [pattern, dialect] of manifest.drivers) {
      const match = pattern.exec(text);
      if (match) out.push({ dialect, driver: match[1], file });
    }
  }
  return out;
}
