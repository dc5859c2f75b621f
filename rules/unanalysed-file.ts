import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  meta: {
    id: 'unanalysed-file',
    category: 'correctness',
    description: 'Report files, and YAML documents, that were not analysed at all',
    rationale:
      'A file that is too large to read, cannot be read, is binary, or a YAML document the parser rejects, has none of its queries, foreign keys or secrets checked. In a service folder that is an error: otherwise padding a file past the size limit, or breaking one line of a Secret, would turn a failing run into a passing one. Outside service folders it is a warning.',
    defaultSeverity: 'error',
    messages: {
      tooLarge: 'File not analysed: {{detail}}.',
      unreadable: 'File not analysed: {{detail}}.',
      binary: 'File not analysed: {{detail}}.',
      rejectedDocument: 'YAML document not analysed: {{detail}}; none of its entries were read.',
    },
    examples: {
      invalid: [
        {
          filename: 'services/billing/k8s/secret.yaml',
          code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing-db\nstringData:\n  DB_PASSWORD: [unclosed\n',
        },
      ],
      valid: [
        {
          filename: 'services/billing/k8s/secret.yaml',
          code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing-db\nstringData:\n  DB_PASSWORD_FILE: /run/secrets/db\n',
        },
      ],
    },
  },
  create(context) {
    return {
      file(event) {
        const { file } = event;
        for (const problem of file.problems) {
          if (!problem.unanalysed) continue;
          context.report({
            messageId:
              problem.unanalysed === 'too-large'
                ? 'tooLarge'
                : problem.unanalysed === 'binary'
                  ? 'binary'
                  : problem.unanalysed === 'rejected-document'
                    ? 'rejectedDocument'
                    : 'unreadable',
            data: { detail: problem.message },
            at: { node: problem },
            // Only a service's files decide a service's checks; elsewhere it is worth knowing, not failing on.
            severity: event.service ? undefined : 'warn',
          });
        }
      },
    };
  },
});
