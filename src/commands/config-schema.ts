import { configJsonSchema } from '../config/schema.js';

/** Relative path of the shipped config JSON Schema inside the package. */
export const CONFIG_SCHEMA_PATH = 'schema/config.schema.json';

/** The exact text of `schema/config.schema.json`: the zod-generated JSON Schema, 2-space indented. */
export function renderConfigSchema(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
