/**
 * A script's facts, the one part of a file's analysis that needs TypeScript: analyze-file.ts loads
 * this module (and with it TypeScript, ~0.3–0.5 s of CPU) only when a run has a script to parse
 * (`loadScriptAnalysers`), so a repository of SQL, YAML and `.env` files never pays for it.
 */
import type { FileFacts } from '../facts.js';
import { extractScript } from './index.js';
import { serverlessConfigOfSource } from './serverless-script.js';

/** Parses a script once and puts its facts in `facts`; a serverless.ts's config is read from the same tree. */
export function analyzeScript(facts: FileFacts, text: string, serverless: boolean, sqlCallees: string[]): void {
  const { script, comments } = extractScript(facts.path, text, {
    sqlCallees,
    ...(serverless
      ? {
          scanImportOnlyFiles: false,
          readTree: (sf) => {
            const ormConfig = serverlessConfigOfSource(sf);
            if (ormConfig) facts.ormConfig = ormConfig;
          },
        }
      : {}),
  });
  facts.script = script;
  facts.comments = comments;
}
