import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * A validator for schema/sarif-2.1.0.json. That copy (from the Microsoft SARIF SDK)
 * declares the 2020-12 meta-schema, hence Ajv2020; its keywords are the draft-07 subset.
 */
export function sarifSchemaValidator() {
  const schema = JSON.parse(readFileSync(new URL('../../schema/sarif-2.1.0.json', import.meta.url), 'utf8'));
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(schema);
}
