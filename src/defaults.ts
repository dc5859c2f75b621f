/**
 * File names the CLI shows in its help. Kept apart from the modules that use them so that
 * `--help` does not load those modules (bulk suppressions pull in every rule).
 */
export const DEFAULT_SUPPRESSIONS_FILE = 'nilecare-lint-suppressions.json';
