import type { Rule } from './types.js';

/** Identity helper that keeps message ids and options typed across `meta` and `create`. */
export function defineRule<MessageIds extends string, Options = Record<string, never>>(
  rule: Rule<MessageIds, Options>,
): Rule<MessageIds, Options> {
  return rule;
}
