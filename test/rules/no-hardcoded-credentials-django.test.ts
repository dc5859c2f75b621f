/**
 * A Django project's settings module (issue 14): a literal SECRET_KEY and a literal DATABASES PASSWORD are committed
 * credentials; values read from the environment, the developer's and the test suite's settings are not.
 */
import rule from '../../rules/no-hardcoded-credentials.js';
import { ruleTester } from '../rule-tester.js';

const settings = (secretKey: string, password: string) =>
  [
    'import os',
    `SECRET_KEY = ${secretKey}`,
    'DATABASES = {',
    "    'default': {",
    "        'ENGINE': 'django.db.backends.postgresql',",
    "        'NAME': 'shop',",
    `        'PASSWORD': ${password},`,
    '    },',
    '}',
    '',
  ].join('\n');

ruleTester.run(rule, {
  valid: [
    {
      name: 'settings reading both from the environment (os.environ, django-environ, os.getenv with no default)',
      filename: 'services/shop/shop/settings.py',
      code: settings("os.environ['DJANGO_SECRET_KEY']", "env('DB_PASSWORD')"),
    },
    {
      name: "the developer's settings module and the test suite's hold local stand-ins",
      filename: 'services/shop/shop/settings/local.py',
      code: settings("'Kx9vQm2LpZr7WtN4-local-only'", "'Fq83vEjRWe'"),
      files: { 'services/shop/tests/settings.py': settings("'Kx9vQm2LpZr7WtN4'", "'Fq83vEjRWe'") },
    },
    {
      name: 'a placeholder and a value that says it is no secret',
      filename: 'services/shop/shop/settings.py',
      code: settings("'change-me-in-production'", "'notasecret'"),
    },
  ],
  invalid: [
    {
      name: "a literal SECRET_KEY (startproject's 'django-insecure-' key included) and a literal PASSWORD",
      filename: 'services/shop/shop/settings.py',
      code: settings("'django-insecure-q3!v@8k#2mz^t6w&x9p*e4r(u)y_o-i+a=s5d7f1g0h'", "'Sh0p-Pg-2024!'"),
      errors: [
        { messageId: 'configFileSecret', line: 2, column: 14, endLine: 2, endColumn: 75, data: { key: 'SECRET_KEY' } },
        { messageId: 'ormConfigSecret', line: 7, column: 21, endLine: 7, endColumn: 36, data: { orm: 'Django', key: 'PASSWORD' } },
      ],
    },
    {
      name: 'a settings package module for production',
      filename: 'services/shop/shop/settings/production.py',
      code: settings("os.environ['DJANGO_SECRET_KEY']", "'Sh0p-Pg-2024!'"),
      errors: [{ messageId: 'ormConfigSecret', line: 7, column: 21, endLine: 7, endColumn: 36, data: { connection: "'default' " } }],
    },
  ],
});
