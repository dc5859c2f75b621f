import { defineRule } from '../src/engine/define-rule.js';
import { factsSummary } from '../src/analysis/facts.js';

export default defineRule({
  meta: {
    id: 'unanalysed-file',
    category: 'correctness',
    description: 'Report files, YAML documents and package.json manifests that were not analysed at all',
    rationale:
      'A file that is too large to read, cannot be read, is binary, is a Git LFS pointer checked out in place of its content, or a YAML document the parser rejects, has none of its queries, foreign keys or secrets checked; a package.json that is not JSON (a merge conflict left in it) gives no dependencies, so its drivers and workspaces are unknown. In a service folder that is an error: otherwise padding a file past the size limit, or breaking one line of a Secret, would turn a failing run into a passing one. Outside service folders it is a warning.',
    defaultSeverity: 'error',
    messages: {
      tooLarge: 'File not analysed: {{detail}}.',
      unreadable: 'File not analysed: {{detail}}.',
      binary: 'File not analysed: {{detail}}.',
      lfsPointer: 'File not analysed: {{detail}}.',
      rejectedDocument: 'YAML document not analysed: {{detail}}; none of its entries were read.',
      manifestNotJson: 'package.json not read: {{detail}}; its dependencies were not used to find services or infer drivers.',
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
    const { project } = context;
    // Only a service's files decide a service's checks; elsewhere it is worth knowing, not failing on.
    const severityAt = (path: string) => (project.serviceOf(path) ? undefined : ('warn' as const));
    return {
      // Once for the project, not per file event: a package.json is no file the rules visit (the run keeps its
      // finding when it covers the manifest's folder), and the files' own problems are reported here too, in the same pass.
      project() {
        for (const file of project.files) {
          // A file whose summary shows no such problem is not decoded (a warm run's unchanged files).
          const summary = factsSummary(file);
          if (summary && !summary.unanalysed) continue;
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
                      : problem.unanalysed === 'lfs-pointer'
                        ? 'lfsPointer'
                        : 'unreadable',
              data: { detail: problem.message },
              at: { file: file.path, node: problem },
              severity: severityAt(file.path),
            });
          }
        }
        for (const manifest of project.unreadManifests) {
          context.report({
            messageId: 'manifestNotJson',
            data: { detail: manifest.detail },
            at: { file: manifest.file, range: manifest.range },
            help: manifest.detail.includes('merge-conflict')
              ? 'Resolve the merge conflict: keep one side of each <<<<<<< … >>>>>>> block, so the manifest is JSON again.'
              : 'Fix the JSON at this position (npm and every other tool reading this package.json reject it too).',
            severity: severityAt(manifest.file),
            fingerprintText: 'package.json not JSON',
          });
        }
      },
    };
  },
});
