import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

let compiled: ValidateFunction | undefined;

/**
 * A validator for schema/sarif-2.1.0.json. That copy (from the Microsoft SARIF SDK)
 * declares the 2020-12 meta-schema, hence Ajv2020; its keywords are the draft-07 subset.
 * Compiled once per worker: compiling the SARIF schema costs about as much as the tests that use it.
 */
export function sarifSchemaValidator(): ValidateFunction {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(new URL('../../schema/sarif-2.1.0.json', import.meta.url), 'utf8')) as object;
  // Without ajv's optimisation pass the validator is compiled in about half the time (cold in a worker, ~550 → ~280
  // ms of CPU) and validates the few logs of a test run no slower that anyone would see.
  const ajv = new Ajv2020({ strict: false, allErrors: true, code: { optimize: false } });
  addFormats.default(ajv);
  compiled = ajv.compile(schema);
  return compiled;
}
