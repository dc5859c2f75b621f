/**
 * Writes `schema/config.schema.json` from the zod definition in src/config/schema.ts,
 * the schema `init` points `$schema` at. test/commands/config-schema.test.ts fails when
 * the committed file is stale.
 *
 *     node --import tsx scripts/generate-config-schema.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderConfigSchema } from '../src/commands/config-schema.js';

const target = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'schema', 'config.schema.json');
writeFileSync(target, renderConfigSchema());
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
