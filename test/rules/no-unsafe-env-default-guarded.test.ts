/**
 * A fallback inside a branch guarded by a truthiness test of the same variable never applies (HELDOUT13 #15):
 * local-mcp's `...(hasGoogle && { clientSecret: process.env.GOOGLE_CLIENT_SECRET ?? '' })`.
 */
import rule from '../../rules/no-unsafe-env-default.js';
import { ruleTester } from '../rule-tester.js';

ruleTester.run(rule, {
  valid: [
    {
      name: "local-mcp's auth config: the fallback inside `hasGoogle && { … }`, hasGoogle a const testing both variables (HELDOUT13 #15)",
      filename: 'services/auth/src/modules/auth/auth.config.ts',
      code: [
        "import { betterAuth } from 'better-auth';",
        'export function createAuth() {',
        '  const hasGoogle = !!process.env.GOOGLE_CLIENT_ID && !!process.env.GOOGLE_CLIENT_SECRET;',
        '  return betterAuth({',
        '    ...(hasGoogle && {',
        '      socialProviders: {',
        "        google: { clientId: process.env.GOOGLE_CLIENT_ID ?? '', clientSecret: process.env.GOOGLE_CLIENT_SECRET ?? '' },",
        '      },',
        '    }),',
        '  });',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: "an if on the variable, a ternary's true branch, a negated test's else branch and Boolean(…)",
      filename: 'services/auth/src/config.ts',
      code: [
        'export function secrets() {',
        '  const out: Record<string, unknown> = {};',
        "  if (process.env.JWT_SECRET) { out.jwt = { secret: process.env.JWT_SECRET ?? '' }; }",
        "  out.stripe = process.env.STRIPE_SECRET_KEY ? { key: process.env.STRIPE_SECRET_KEY || '' } : undefined;",
        "  out.github = !process.env.GITHUB_CLIENT_SECRET ? undefined : { secret: process.env.GITHUB_CLIENT_SECRET || '' };",
        "  out.slack = Boolean(process.env.SLACK_TOKEN) && { token: process.env.SLACK_TOKEN ?? '' };",
        "  out.mail = process.env.SMTP_HOST && process.env.SMTP_PASSWORD ? { pass: process.env.SMTP_PASSWORD ?? '' } : null;",
        '  return out;',
        '}',
        '',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'a guard of another variable, an else branch, a test for undefined, a guard outside the function and a let guard leave the fallback live',
      filename: 'services/auth/src/config.ts',
      code: [
        'const hasKey = !!process.env.API_KEY;',
        'export function secrets(enabled: boolean) {',
        '  let hasJwt = !!process.env.JWT_SECRET;',
        "  const a = process.env.GOOGLE_CLIENT_ID && { secret: process.env.GOOGLE_CLIENT_SECRET ?? '' };",
        "  const b = process.env.JWT_SECRET ? null : { secret: process.env.JWT_SECRET || 'dev-secret' };",
        "  const c = process.env.DB_PASSWORD !== undefined && { password: process.env.DB_PASSWORD || '' };",
        "  const d = hasKey && (() => ({ key: process.env.API_KEY ?? '' }));",
        "  const e = hasJwt && { secret: process.env.JWT_SECRET ?? '' };",
        "  const f = (enabled || !!process.env.SESSION_SECRET) && { secret: process.env.SESSION_SECRET ?? '' };",
        '  return { a, b, c, d, e, f };',
        '}',
        '',
      ].join('\n'),
      errors: [
        { messageId: 'emptySecret', line: 4, column: 91, endLine: 4, endColumn: 93, data: { name: 'GOOGLE_CLIENT_SECRET' } },
        { messageId: 'hardcodedSecret', line: 5, column: 81, endLine: 5, endColumn: 93, data: { name: 'JWT_SECRET' } },
        { messageId: 'emptySecret', line: 6, column: 93, endLine: 6, endColumn: 95, data: { name: 'DB_PASSWORD' } },
        { messageId: 'emptySecret', line: 7, column: 61, endLine: 7, endColumn: 63, data: { name: 'API_KEY' } },
        { messageId: 'emptySecret', line: 8, column: 59, endLine: 8, endColumn: 61, data: { name: 'JWT_SECRET' } },
        { messageId: 'emptySecret', line: 9, column: 98, endLine: 9, endColumn: 100, data: { name: 'SESSION_SECRET' } },
      ],
    },
  ],
});
