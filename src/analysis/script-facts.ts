import type { ScriptFacts } from './facts.js';

/**
 * Facts of a script with nothing in it; also what a script that failed to parse yields, and the base of a
 * MyBatis mapper's (its statements' SQL and nothing else). Apart from the extractor so that readers of
 * other file kinds do not load TypeScript to build one.
 */
export function emptyScriptFacts(): ScriptFacts {
  return {
    embeddedSql: [],
    ormRefs: [],
    ormEntities: [],
    ormEntityUses: [],
    envDefaults: [],
    envReads: [],
    configProperties: [],
    connectionStrings: [],
    imports: [],
    syntaxProblems: [],
  };
}
