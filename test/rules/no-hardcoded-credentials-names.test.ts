/**
 * Values under a secret-named option that hold no secret (HELDOUT13 #8, #16): the NAME of the variable a field is read
 * from (LangChain's `lc_secrets`), and a provider's key prefix alone (`'sk-'`).
 */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-hardcoded-credentials.js';
import { describeSecret, isKeyPrefix, isSecretVariableName } from '../../src/analysis/secrets.js';
import { ruleTester } from '../rule-tester.js';

describe('key prefixes and variable names', () => {
  it("reads a provider's key prefix alone as a prefix, never a password's, and a key after it as a literal", () => {
    for (const value of ['sk-', 'sk-proj-', 'sk_live_', 'pk_test_', 'ghp_', 'github_pat_', 'xoxb-', 'AKIA', 'AIza', 'hf_', ' sk- '])
      expect(describeSecret(value).kind, value).toBe('prefix');
    for (const value of ['sk-proj-Q2xv9TzK0aLm', 'sk', 'ghp', 'akia', 'sk--', 'xoxb-1234', 'AKIAIOSFODNN7EXAMPLE'])
      expect(describeSecret(value).kind, value).toBe('literal');
    expect(describeSecret('sk-', undefined, true).kind).toBe('literal');
    expect(isKeyPrefix('pk_')).toBe(true);
  });
  it("takes UPPER_SNAKE names of a secret's variable, not one word nor a name of no secret", () => {
    for (const value of ['FIREWORKS_API_KEY', 'HUGGINGFACEHUB_API_KEY', 'JWT_SECRET', 'DB_PASSWORD'])
      expect(isSecretVariableName(value), value).toBe(true);
    for (const value of ['ADMINPASSWORD', 'ADMIN_USER', 'fireworks_api_key', 'Fireworks_Api_Key', 'API_KEY_URL', 'S3CR3T_PA55', '_API_KEY'])
      expect(isSecretVariableName(value), value).toBe(false);
  });
});

/** Flowise's ChatFireworks (components/nodes/chatmodels/ChatFireworks/core.ts), cut down. */
const FIREWORKS = [
  "import { ChatOpenAICompletions } from '@langchain/openai';",
  'export class ChatFireworks extends ChatOpenAICompletions {',
  '    get lc_secrets(): { [key: string]: string } | undefined {',
  '        return {',
  "            fireworksApiKey: 'FIREWORKS_API_KEY',",
  "            apiKey: 'FIREWORKS_API_KEY'",
  '        }',
  '    }',
  '    get lc_aliases() {',
  "        return { apiKey: 'fireworks_api_key', token: 'fireworks_token' }",
  '    }',
  '    lc_serializable = true',
  '}',
  '',
].join('\n');

/** Flowise's ChatLocalAI: LocalAI takes no key, the OpenAI client wants one. */
const LOCAL_AI = [
  "import { ChatOpenAI } from '@langchain/openai';",
  'export function init(modelName: string) {',
  '    const obj = {',
  '        temperature: 0.9,',
  '        modelName,',
  "        openAIApiKey: 'sk-',",
  "        apiKey: 'sk-',",
  '        streaming: true',
  '    }',
  '    return new ChatOpenAI(obj)',
  '}',
  '',
].join('\n');

ruleTester.run(rule, {
  valid: [
    {
      name: "LangChain's lc_secrets / lc_aliases getters map fields to the names of variables and of serialised fields (HELDOUT13 #8)",
      filename: 'packages/components/nodes/chatmodels/ChatFireworks/core.ts',
      code: FIREWORKS,
    },
    {
      name: 'a map of fields to the variables they are read from, used by no call, is no credential',
      filename: 'services/billing/src/config/secret-variables.ts',
      code: "export const SECRET_VARIABLES = { apiKey: 'STRIPE_API_KEY', clientSecret: 'GOOGLE_CLIENT_SECRET', password: 'DB_PASSWORD' };\n",
    },
    {
      name: "a provider's key prefix alone is no key, even passed to the client (HELDOUT13 #16)",
      filename: 'packages/components/nodes/chatmodels/ChatLocalAI/ChatLocalAI.ts',
      code: LOCAL_AI,
    },
    {
      name: "a key prefix as a committed env file's value is no key either",
      filename: 'services/billing/.env',
      code: 'OPENAI_API_KEY=sk-\nGITHUB_TOKEN=ghp_\n',
    },
  ],
  invalid: [
    {
      name: "a variable's name used as the value itself is a credential where it is in use; one word in capitals and a key after its prefix are literals anywhere",
      filename: 'services/billing/src/auth/tokens.ts',
      code: [
        "import jwt from 'jsonwebtoken';",
        "import OpenAI from 'openai';",
        "export const token = (payload: object) => jwt.sign(payload, 'JWT_SECRET');",
        "export const client = new OpenAI({ apiKey: 'OPENAI_API_KEY' });",
        "export const admin = { user: 'admin', password: 'ADMINPASSWORD' };",
        "export const other = new OpenAI({ apiKey: 'sk-proj-Q2xv9TzK0aLmW3' });",
        '',
      ].join('\n'),
      errors: [
        {
          messageId: 'credentialProperty',
          line: 3,
          column: 61,
          endLine: 3,
          endColumn: 73,
          data: { key: 'secret', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'credentialProperty',
          line: 4,
          column: 44,
          endLine: 4,
          endColumn: 60,
          data: { key: 'apiKey', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'credentialProperty',
          line: 5,
          column: 49,
          endLine: 5,
          endColumn: 64,
          data: { key: 'password', redacted: '**** (8-15 chars)' },
        },
        {
          messageId: 'credentialProperty',
          line: 6,
          column: 43,
          endLine: 6,
          endColumn: 67,
          data: { key: 'apiKey', redacted: '**** (16+ chars)' },
        },
      ],
    },
    {
      name: 'a getter of another name returning the same object is no LangChain map: a literal there stays a finding',
      filename: 'packages/components/nodes/chatmodels/ChatFireworks/core.ts',
      code: FIREWORKS.replace('get lc_aliases()', 'get credentials()'),
      errors: [
        {
          messageId: 'credentialProperty',
          line: 10,
          column: 26,
          endLine: 10,
          endColumn: 45,
          data: { key: 'apiKey', redacted: '**** (16+ chars)' },
        },
        {
          messageId: 'credentialProperty',
          line: 10,
          column: 54,
          endLine: 10,
          endColumn: 71,
          data: { key: 'token', redacted: '**** (8-15 chars)' },
        },
      ],
    },
  ],
});
