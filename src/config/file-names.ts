/**
 * The names a config file may have, in the order they are looked for. Its own module, free of the config
 * schema: locating a project (every command, `--help` included) must not load zod (test/e2e/startup.test.ts).
 */
export const CONFIG_FILE_NAMES = ['nilecare-lint.config.json', '.nilecarelintrc.json', '.nilecarelintrc'] as const;
