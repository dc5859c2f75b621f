/**
 * A Laravel application's `config/database.php`: the connection it uses unless its environment says otherwise,
 * `'default' => env('DB_CONNECTION', 'mysql')` (or a plain `'default' => 'pgsql'`). The driver name (`mysql`, `mariadb`,
 * `pgsql`, `sqlite`, `sqlsrv`) is the engine the application declares, as an ORM's `type` option names it; the `.env`
 * files' `DB_CONNECTION`, when one is set, wins over it (src/model/service-dialect.ts). Read as text, never run: lines
 * that are comments are skipped. Linear, never throws.
 */
import type { OrmConfigFacts } from './facts.js';
import { matchesOutsideCommentLines } from './jdbc-urls.js';

/** `config/database.php` in any folder (a Laravel application's, at its root). */
export function isLaravelDatabaseConfig(path: string): boolean {
  return path === 'config/database.php' || path.endsWith('/config/database.php');
}

/** `'default' => env('DB_CONNECTION', 'pgsql')` or `'default' => 'pgsql'`: the driver is the last quoted word. */
const DEFAULT_CONNECTION = /(['"])default\1[ \t]*=>[ \t]*(?:env\([ \t]*(['"])DB_CONNECTION\2[ \t]*,[ \t]*)?(['"])([\w-]{1,40})\3/g;

export function parseLaravelDatabaseConfig(text: string): OrmConfigFacts | undefined {
  if (!text.includes('default')) return undefined;
  // A commented-out line (`// 'default' => …`, ` * …` of a doc block) sets nothing.
  for (const match of matchesOutsideCommentLines(text, DEFAULT_CONNECTION)) {
    const quote = match.index + match[0].length - match[4].length - 2;
    return {
      library: 'laravel',
      entityGlobs: [],
      engines: [{ type: match[4], key: 'DB_CONNECTION', span: { start: quote, end: quote + match[4].length + 2 } }],
    };
  }
  return undefined;
}
