/**
 * Globs in rule options go through the linter's one glob engine (src/config/glob.ts), whose
 * matching is linear in the input whatever the pattern: options come from the config, which a
 * pull request can change, and are matched against names from the repository.
 */
import { z } from 'zod';
import { compileGlob, GlobSyntaxError } from '../../src/config/glob.js';

export { compileFolderGlob, compileGlobs, trimFolderPattern, type GlobMatcher } from '../../src/config/glob.js';

/** A glob option value, refused when the config loads (with its key path) if the engine cannot compile it. */
export const globString = z.string().superRefine((pattern, context) => {
  try {
    compileGlob(pattern);
  } catch (error) {
    if (!(error instanceof GlobSyntaxError)) throw error;
    context.addIssue({ code: 'custom', message: error.message });
  }
});
