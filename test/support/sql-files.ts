import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Every .sql file below `dir`, sorted. */
export function sqlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.sql'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** The SQL the MySQL corpus checks read: the fixtures' and bench/sql-corpus's MySQL and invalid MySQL, below `root`. */
export function mysqlCorpusFiles(root: string): string[] {
  return [
    ...sqlFiles(path.join(root, 'fixtures')),
    ...sqlFiles(path.join(root, 'bench', 'sql-corpus', 'mysql')),
    ...sqlFiles(path.join(root, 'bench', 'sql-corpus', 'invalid-mysql')),
  ];
}
