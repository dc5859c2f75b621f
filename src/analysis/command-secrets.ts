/**
 * Credentials written into a command line: a package.json script (`DATABASE_URL=postgres://app:pw@db/app
 * node-pg-migrate up`), a docker-compose service's `command:` / `entrypoint:` or healthcheck `test:`
 * (golang-migrate's `-database postgres://owner:pw@db/orders`). The command is read as words, never run:
 *
 * - a connection URL inside a word, from its scheme on (`-database=postgres://…`, `DATABASE_URL=mysql://…`,
 *   `jdbc:postgresql://…`): what the caller describes as any URL (its password, secret-named query settings);
 * - a secret-named variable set for the command (`PGPASSWORD=x psql …`, `cross-env DB_PASSWORD=x node …`),
 *   its value in one word or quoted (`PGPASSWORD='x y'`);
 * - a password flag with its value (`-password=x`, Flyway's; `--password=x`, mysql's and Liquibase's);
 * - the MySQL clients' `-p<password>` (`mysql -uroot -pS3cret orders`, `mysqladmin ping -pS3cret`, `mariadb-dump`), its
 *   value attached to the flag (`-p` alone, or `-p orders`, asks for the password), after such a program's name in the
 *   same command (up to `;`, `|`, `&`): `docker exec db mysql -p…`, `sh -c "mysql -p…"`.
 *
 * Offsets are into the command's text. Linear in its length; never throws.
 */
import { isSecretName, nameWords } from './secrets.js';

export interface CommandSecret {
  /** `url` for a connection string; else the variable or flag name as written (`PGPASSWORD`, `password`). */
  key: string;
  /** The URL (from its scheme) or the value set, as written without its quotes. */
  value: string;
  start: number;
  end: number;
}

/** Words a command is split into: runs of characters other than white space and quotes. */
const WORD_BREAK = new Set([' ', '\t', '\n', '\r', '"', "'", '`', ';', '|', '&']);
/** A character of a URL scheme (`postgres`, `mongodb+srv`, `jdbc:postgresql`). */
const SCHEME_CHAR = /[A-Za-z0-9+.:-]/;
/** `NAME=value`: a shell assignment or an `--name=value` / `-name=value` flag. */
const ASSIGNMENT = /^(-{0,2})([A-Za-z_][A-Za-z0-9_.-]*)=/;
/** The last word of a flag that passes a password (`-password`, `--db-password`, `--passwd`). */
const PASSWORD_WORD = /^(?:PASSWORD|PASSWD|PWD)$/;

/** A command longer than this is no command anyone wrote (a script line, a compose string). */
export const MAX_COMMAND_LENGTH = 65536;

/** A MySQL / MariaDB client, by the base name of the program's word (`/usr/bin/mysql`, `mariadb-dump`). */
const MYSQL_CLIENT =
  /^(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mysqlshow|mysqlpump|mysqlslap|mysqlbinlog|mariadb(?:-[a-z]+)?)$/;
/** What ends one command of a line: the words after it run another program. */
const COMMAND_BREAK = new Set([';', '|', '&']);

/** Whether a command's word names a MySQL client (`mysql`, `/usr/bin/mysqladmin`, `mariadb-dump`). */
export function isMysqlClient(word: string): boolean {
  return MYSQL_CLIENT.test(word.slice(word.lastIndexOf('/') + 1));
}

/** `afterMysqlClient`: the command goes on from a MySQL client's name (an exec-form list's later item: `["mysqladmin", "-p…"]`). */
export function commandSecrets(command: string, afterMysqlClient = false): CommandSecret[] {
  if (command.length > MAX_COMMAND_LENGTH || (!command.includes('://') && !command.includes('=') && !command.includes('-p'))) return [];
  const out: CommandSecret[] = [];
  let i = 0;
  // Whether a MySQL client was named in this command: its `-p<password>` then passes a password.
  let mysql = afterMysqlClient;
  while (i < command.length) {
    if (WORD_BREAK.has(command[i])) {
      if (COMMAND_BREAK.has(command[i])) mysql = false;
      i++;
      continue;
    }
    const start = i;
    while (i < command.length && !WORD_BREAK.has(command[i])) i++;
    // SQL Server's URL goes on after a `;` with its properties (`'sqlserver://db:1433;database=app;password=…'`, quoted).
    if (command[i] === ';' && SQLSERVER_URL.test(command.slice(start, i))) i = sqlServerUrlEnd(command, i);
    const word = command.slice(start, i);
    if (!mysql && isMysqlClient(word)) mysql = true;
    const found = inWord(command, word, start) ?? (mysql ? mysqlPassword(command, word, start) : undefined);
    if (found) {
      out.push(found);
      // A quoted value read past the word's end: go on after it.
      if (found.end > i) i = found.end + 1;
    }
  }
  return out;
}

/** A word holding SQL Server's URL (`sqlserver://`, `jdbc:sqlserver://`). */
const SQLSERVER_URL = /sqlserver:\/\//i;
/** A `;key=` that goes on with a SQL Server URL's properties. */
const SQLSERVER_PROPERTY = /^;[A-Za-z][\w.]*=/;

/** Where a SQL Server URL whose server part ends at `i` (a `;`) ends: after its `;key=value` properties. */
function sqlServerUrlEnd(command: string, i: number): number {
  let end = i;
  while (command[end] === ';' && SQLSERVER_PROPERTY.test(command.slice(end, end + 64))) {
    end++;
    while (end < command.length && !WORD_BREAK.has(command[end])) end++;
  }
  return end;
}

function inWord(command: string, word: string, start: number): CommandSecret | undefined {
  const scheme = word.indexOf('://');
  if (scheme > 0) {
    let from = scheme;
    while (from > 0 && SCHEME_CHAR.test(word[from - 1])) from--;
    // `jdbc:postgresql://`, `postgres://`: a scheme starts with a letter; a `:` before it (`x:postgres://`) is no part of it.
    while (from < scheme && !/[A-Za-z]/.test(word[from])) from++;
    if (from < scheme) return { key: 'url', value: word.slice(from), start: start + from, end: start + word.length };
    return undefined;
  }
  const assignment = ASSIGNMENT.exec(word);
  if (!assignment) return undefined;
  const [whole, dashes, name] = assignment;
  const secret = dashes === '' ? isSecretName(name) : PASSWORD_WORD.test(nameWords(name).at(-1) ?? '');
  if (!secret) return undefined;
  const valueStart = start + whole.length;
  const quote = command[valueStart];
  if (valueStart === start + word.length && (quote === '"' || quote === "'")) {
    // `PGPASSWORD='x y'`: the quoted text, to the same quote (no escapes inside single quotes; none read in double).
    const close = command.indexOf(quote, valueStart + 1);
    if (close < 0) return undefined;
    return { key: name, value: command.slice(valueStart + 1, close), start: valueStart + 1, end: close };
  }
  if (valueStart === start + word.length) return undefined;
  // A command substitution (`PGPASSWORD=$(cat /run/secrets/db)`) is the shell's to fill in: no value written here.
  if (command.startsWith('$(', valueStart)) return undefined;
  return { key: name, value: word.slice(whole.length), start: valueStart, end: start + word.length };
}

/** `-pS3cret`, `-p'a b'`: the password attached to a MySQL client's `-p` (undefined for `-p` alone, a prompt). */
function mysqlPassword(command: string, word: string, start: number): CommandSecret | undefined {
  if (!word.startsWith('-p') || word.startsWith('-p=')) return undefined;
  const valueStart = start + 2;
  if (word.length === 2) {
    // `-p"$MYSQL_PWD"`, `-p'a b'`: the quoted text right after the flag.
    const quote = command[valueStart];
    if (quote !== '"' && quote !== "'") return undefined;
    const close = command.indexOf(quote, valueStart + 1);
    if (close <= valueStart + 1) return undefined;
    return { key: 'password', value: command.slice(valueStart + 1, close), start: valueStart + 1, end: close };
  }
  // A command substitution is the shell's to fill in.
  if (command.startsWith('$(', valueStart)) return undefined;
  return { key: 'password', value: word.slice(2), start: valueStart, end: start + word.length };
}
