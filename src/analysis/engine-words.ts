/**
 * Whether a file's text names an engine that speaks another's protocol: MariaDB (a MySQL service may run on
 * it) and CockroachDB (a PostgreSQL one; its SQL port 26257 counts). The model looks for the places that say
 * so (src/model/mariadb-evidence.ts, cockroach-evidence.ts) only in files whose text holds the word, and a
 * cached file's text is read from the disk when asked for: kept in the facts, the words spare a warm run
 * reading every file of every MySQL and PostgreSQL service again (at 10,000 files, a quarter of a one-file run).
 */
export type EngineWord = 'mariadb' | 'cockroach';

const WORDS: ReadonlyArray<readonly [EngineWord, RegExp]> = [
  ['mariadb', /mariadb/i],
  ['cockroach', /cockroach|26257/i],
];

/** The engine words `text` holds, in a fixed order; empty when none. */
export function engineWordsOf(text: string): EngineWord[] {
  return WORDS.flatMap(([word, pattern]) => (pattern.test(text) ? [word] : []));
}
