/** The formats of `diff`, apart from their renderers so that `diff --help` loads no renderer. */
export const diffFormats = ['stylish', 'markdown', 'json'] as const;
export type DiffFormat = (typeof diffFormats)[number];

/** What makes `diff` exit 1: a new cross-service edge or shared database (the default), any new finding, nothing. */
export const failOnChoices = ['added-edges', 'added-findings', 'never'] as const;
export type FailOn = (typeof failOnChoices)[number];
