import type { Dialect, FileFacts, SqlAnalysis } from '../analysis/facts.js';
import { sqlLocator } from '../analysis/locate.js';
import { otherEngineConstruct, otherEngineOf } from './other-engine-syntax.js';
import { isTestFile } from './paths.js';

/**
 * Statements that are valid SQL the linter's parser for their dialect cannot read (MySQL 8 syntax
 * node-sql-parser lacks, psql variables): not parse errors, so never a per-statement warning, but
 * counted so a run says how much SQL was checked from tokens only.
 */
export interface UnsupportedSqlSummary {
  statements: number;
  /** Per construct and dialect, most frequent first. */
  byConstruct: Array<{ construct: string; dialect: Dialect; statements: number }>;
  /** Where each one starts, in file and line order. */
  locations: Array<{ file: string; line: number; column: number; construct: string; dialect: Dialect }>;
}

/**
 * The unsupported statements of the `selected` files (the files a run lints). A MariaDB statement
 * (`CREATE SEQUENCE`) counts only in a file of a service on MariaDB (`onMariadb`): elsewhere
 * parse-error reports it. In a service on CockroachDB or a folder named for it (`onCockroach`, cockroach-files.ts) a PostgreSQL statement libpg-query
 * rejects counts as `CockroachDB syntax`, which parse-error leaves alone there; in a service declaring several
 * engines (`enginesOf`), a rejected statement with another declared engine's syntax counts as `SQLite syntax` & co.
 */
/**
 * SQL in a test file outside every service (a library's `validator.test.ts` feeding statements to the SQL validator it
 * tests, a formatter's cases): data for the code under test, in no engine's dialect, its errors possibly on purpose.
 * No service runs it against a database, so a statement the parser rejects there is counted, not a parse error; a
 * service's own tests run their SQL on its database, and stay checked.
 */
export function isTestDataOutsideServices(path: string, service: unknown): boolean {
  return service === undefined && isTestFile(path);
}

export const TEST_DATA_CONSTRUCT = 'SQL in tests outside services';

export function summarizeUnsupportedSql(
  files: readonly FileFacts[],
  selected: ReadonlySet<string>,
  onMariadb: (path: string) => boolean = () => false,
  onCockroach: (path: string) => boolean = () => false,
  enginesOf: (path: string) => readonly string[] | undefined = () => undefined,
  testDataOutsideServices: (path: string) => boolean = () => false,
): UnsupportedSqlSummary {
  const locations: UnsupportedSqlSummary['locations'] = [];
  for (const file of files) {
    if (!selected.has(file.path)) continue;
    const mariadb = onMariadb(file.path);
    const cockroach = onCockroach(file.path);
    const engines = enginesOf(file.path);
    const testData = testDataOutsideServices(file.path);
    const visit = (analysis: SqlAnalysis | undefined, locate: ReturnType<typeof sqlLocator>, embedded: boolean) => {
      for (const statement of analysis?.statements ?? []) {
        // On CockroachDB, PostgreSQL syntax libpg-query rejects is CockroachDB's own (`UPSERT INTO`): valid, read by tokens.
        const other = statement.parseError && !statement.dialectSignal ? otherEngineOf(statement.text, engines) : undefined;
        const construct =
          statement.unsupported ??
          (cockroach && analysis!.dialect === 'postgresql' && statement.parseError && !statement.dialectSignal
            ? 'CockroachDB syntax'
            : other
              ? otherEngineConstruct(other)
              : testData && embedded && statement.parseError && !statement.dialectSignal
                ? TEST_DATA_CONSTRUCT
                : undefined);
        if (!construct) continue;
        // MariaDB's statements count where the service runs on MariaDB; elsewhere a rule reports them.
        if (statement.mariadb ? !mariadb : statement.dialectSignal) continue;
        const range = locate(statement.span);
        locations.push({
          file: file.path,
          line: range.line,
          column: range.column,
          construct,
          dialect: analysis!.dialect,
        });
      }
    };
    if (file.sql) visit(file.sql, sqlLocator(file), false);
    file.embeddedAnalyses?.forEach((analysis, i) => {
      const site = file.script?.embeddedSql[i];
      if (site) visit(analysis, sqlLocator(file, site), true);
    });
  }
  locations.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  const counts = new Map<string, { construct: string; dialect: Dialect; statements: number }>();
  for (const l of locations) {
    const key = `${l.dialect}\u0000${l.construct}`;
    const entry = counts.get(key) ?? { construct: l.construct, dialect: l.dialect, statements: 0 };
    entry.statements++;
    counts.set(key, entry);
  }
  const byConstruct = [...counts.values()].sort(
    (a, b) =>
      b.statements - a.statements ||
      (a.construct < b.construct ? -1 : a.construct > b.construct ? 1 : 0) ||
      (a.dialect < b.dialect ? -1 : 1),
  );
  return { statements: locations.length, byConstruct, locations };
}

/** The one-line notice for a run's output, or undefined when every statement was read. */
export function unsupportedSqlNotice(summary: UnsupportedSqlSummary): string | undefined {
  if (summary.statements === 0) return undefined;
  const top = summary.byConstruct
    .slice(0, 4)
    .map((c) => `${c.construct} ×${c.statements}`)
    .join(', ');
  const more = summary.byConstruct.length > 4 ? ', …' : '';
  return `${summary.statements} SQL statement(s) use valid syntax the linter's parser cannot read (${top}${more}): not reported as parse errors; their table references were read from tokens (\`--format json\` lists them).`;
}
