import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  meta: {
    id: 'parse-error',
    category: 'correctness',
    description: 'Report invalid SQL statements and files the parsers could not read',
    rationale:
      "A statement or file that cannot be parsed is only partly checked: table references are still taken from its tokens, but column and constraint facts may be missing. Only invalid SQL is reported: PostgreSQL that PostgreSQL's own parser rejects, MySQL that the MySQL parser rejects and no known MySQL 8 construct explains, or that is obviously broken. Valid SQL the linter's parser cannot read (MySQL statement families it has no grammar for, psql variables) is counted in the run's summary instead of being reported statement by statement.",
    defaultSeverity: 'warn',
    messages: {
      sqlSyntax: '{{dialect}} parser could not parse this statement ({{detail}}); its table references were read from tokens.',
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
        if (!statement.parseError) return;
        // Valid SQL of the other dialect: migration-dialect-mismatch and the dialect inference deal with it.
        if (statement.dialectSignal) return;
        // SQL with unresolved `${}` holes is often not parseable on its own; that is not the user's error.
        if (event.unresolvedHoles) return;
        // sql`current_date` is an expression, which no statement grammar accepts on its own.
        if (event.fragment) return;
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
