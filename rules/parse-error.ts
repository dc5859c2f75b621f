import { defineRule } from '../src/engine/define-rule.js';
import { onCockroach } from '../src/model/cockroach-files.js';
import { otherEngineOf } from '../src/model/other-engine-syntax.js';
import { isTestDataOutsideServices } from '../src/model/unsupported-sql.js';

export default defineRule({
  meta: {
    id: 'parse-error',
    category: 'correctness',
    description: 'Report invalid SQL statements and files the parsers could not read',
    rationale:
      "A statement or file that cannot be parsed is only partly checked: table references are still taken from its tokens, but column and constraint facts may be missing. Only invalid SQL is reported: PostgreSQL that PostgreSQL's own parser rejects, MySQL that the MySQL parser rejects and no known MySQL 8 construct explains, or that is obviously broken. Valid SQL the linter's parser cannot read (MySQL statement families it has no grammar for, psql variables) is counted in the run's summary instead of being reported statement by statement. MariaDB's own syntax (`CREATE OR REPLACE TABLE`, `ADD COLUMN IF NOT EXISTS`, sequences, system-versioned tables, `RETURNING`) is valid in a service that runs on MariaDB (its driver, ORM type, URL, compose image or dump header says so) and reported where MySQL 8 rejects it everywhere else. Likewise CockroachDB's own syntax (`UPSERT INTO`, `INDEX` and `FAMILY` in `CREATE TABLE`) in a service that runs on CockroachDB (its Prisma provider, ORM type, `@cockroachdb/` package, URL or compose image says so), or in a folder named for it (`migration/cockroachdb/`): what PostgreSQL's parser rejects there is counted, not reported. SQL embedded in a test file outside every service (a library's cases for the SQL validator it tests) is data for the code under test, run by no service: counted, not reported. In a service that declares several engines (a MySQL driver beside an optional SQLite one, `type: 'sqlite-pooled'` beside `type: 'postgres'`), a rejected statement with the unmistakable syntax of another declared engine without a parser here (SQLite's `PRAGMA`, SQL Server's `SELECT TOP`, Oracle's `ALTER SESSION`) is that engine's SQL behind a client check: counted, not reported.",
    defaultSeverity: 'warn',
    messages: {
      sqlSyntax: '{{dialect}} parser could not parse this statement ({{detail}}); its table references were read from tokens.',
      mariadbSyntax: 'MySQL 8 rejects this statement: {{construct}} is MariaDB syntax, and nothing says {{where}} runs on MariaDB.',
      scriptSyntax: 'Syntax error: {{detail}}.',
      fileProblem: 'File not fully analysed: {{detail}}.',
    },
  },
  create(context) {
    return {
      file(event) {
        const { file } = event;
        for (const problem of file.problems) {
          // Files and documents left unanalysed are unanalysed-file's: an error, not a parse warning.
          if (problem.unanalysed) continue;
          context.report({
            messageId: 'fileProblem',
            data: { detail: problem.message },
            at: { node: problem },
          });
        }
        for (const problem of file.script?.syntaxProblems ?? []) {
          context.report({
            messageId: 'scriptSyntax',
            data: { detail: problem.message.replace(/\.$/, '') },
            at: { node: problem },
          });
        }
      },
      sqlStatement(event) {
        const { statement } = event;
        // MariaDB's syntax: valid where the service says it runs on MariaDB, a located error on MySQL 8 (unless
        // PostgreSQL accepts it too: then migration-dialect-mismatch and the dialect inference deal with it).
        if (statement.mariadb && event.service?.dialectDecision?.mariadb) return;
        if (statement.mariadb && !statement.dialectSignal && !event.unresolvedHoles && !event.fragment) {
          const where = event.service ? `service '${event.service.name}'` : 'this SQL';
          context.report({
            messageId: 'mariadbSyntax',
            data: { construct: statement.mariadb.constructs[0], where },
            at: { range: event.locate(statement.mariadb.span) },
            help: `Rewrite it for MySQL 8; if ${where} runs on MariaDB, its \`mariadb\` driver or ORM type, a \`mariadb://\` or \`jdbc:mariadb:\` URL, or a \`mariadb\` image in its compose file tells the linter so.`,
            fingerprintText: statement.text,
          });
          return;
        }
        if (!statement.parseError) return;
        // Valid SQL of the other dialect: migration-dialect-mismatch and the dialect inference deal with it.
        if (statement.dialectSignal) return;
        // SQL with unresolved `${}` holes is often not parseable on its own; that is not the user's error.
        if (event.unresolvedHoles) return;
        // sql`current_date` is an expression, which no statement grammar accepts on its own.
        if (event.fragment) return;
        // CockroachDB's own syntax (`UPSERT INTO`) in a service that runs on it, or in a folder named for it: read by tokens, counted as unsupported.
        if (event.dialect === 'postgresql' && onCockroach(event.file.path, event.service)) return;
        // A multi-engine service's SQL for another engine it declares (SQLite's `PRAGMA`, SQL Server's `SELECT TOP`): counted as unsupported.
        if (otherEngineOf(statement.text, event.service?.dialectDecision?.engines)) return;
        // Test data of a library (a SQL validator's cases): no service runs it, in no engine's dialect: counted as unsupported.
        if (event.embedded && isTestDataOutsideServices(event.file.path, event.service)) return;
        const dialect = event.dialect;
        context.report({
          messageId: 'sqlSyntax',
          data: {
            dialect: dialect === 'postgresql' ? 'PostgreSQL' : 'MySQL',
            detail: statement.parseError.message.split('\n')[0].slice(0, 200),
          },
          at: { range: event.locate(statement.parseError.span) },
          fingerprintText: statement.text,
        });
      },
    };
  },
});
