import { describe, expect, it } from 'vitest';
import { isDjangoSettingsFile, parseDjangoSettings } from '../../src/analysis/django-settings.js';

const SETTINGS = [
  'import os',
  "SECRET_KEY = 'django-insecure-7x!k2$q9#vz@4m^p&b8w*e1r(t)y_u-i+o=a3s5d6f0g'",
  'DEBUG = False',
  'DATABASES = {',
  "    'default': {",
  "        'ENGINE': 'django.db.backends.postgresql',",
  "        'NAME': 'shop',",
  "        'USER': 'shop',",
  "        'PASSWORD': 'Kx9vQm2LpZr7Wt',",
  "        'HOST': 'db',",
  "        'PORT': '5432',",
  '    },',
  "    'legacy': {",
  "        'ENGINE': 'django.db.backends.mysql',",
  "        'NAME': os.environ['LEGACY_DB'],",
  "        'PASSWORD': os.getenv('LEGACY_PASSWORD', ''),",
  '    },',
  "    'cache': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'cache.sqlite3'},",
  '}',
  '',
].join('\n');

describe("a Django project's settings", () => {
  it('names settings modules, not other Python files', () => {
    expect(['shop/settings.py', 'shop/settings/base.py', 'settings.py'].map(isDjangoSettingsFile)).toEqual([true, true, true]);
    expect(['shop/settings_helpers/x.py', 'shop/mysettings.py', 'shop/settings.pyc'].map(isDjangoSettingsFile)).toEqual([
      false,
      false,
      false,
    ]);
  });

  it("reads DATABASES' engines, databases, hosts and literal passwords, and a literal SECRET_KEY; expressions give no value", () => {
    const facts = parseDjangoSettings(SETTINGS)!;
    const at = (span: { start: number; end: number }) => SETTINGS.slice(span.start, span.end);
    expect(facts.library).toBe('django');
    expect(facts.engines.map((e) => [e.type, e.key, at(e.span)])).toEqual([
      ['postgresql', 'ENGINE', "'django.db.backends.postgresql'"],
      ['mysql', 'ENGINE', "'django.db.backends.mysql'"],
      ['sqlite', 'ENGINE', "'django.db.backends.sqlite3'"],
    ]);
    const connections = facts.connections!.map((c) => ({
      name: c.name,
      type: c.type,
      entries: c.entries.map((e) => `${e.key}=${at(e.valueSpan)}`),
    }));
    expect(connections).toEqual([
      { name: 'default', type: 'postgresql', entries: ["database='shop'", "password='Kx9vQm2LpZr7Wt'", "host='db'", "port='5432'"] },
      { name: 'legacy', type: 'mysql', entries: [] },
      { name: 'cache', type: 'sqlite', entries: [] },
      { name: undefined, type: undefined, entries: ["SECRET_KEY='django-insecure-7x!k2$q9#vz@4m^p&b8w*e1r(t)y_u-i+o=a3s5d6f0g'"] },
    ]);
  });

  it('reads no value from the environment, f-strings, escaped or indented assignments, and nothing from a file without settings', () => {
    const text = [
      "SECRET_KEY = os.environ['DJANGO_SECRET_KEY']",
      'if DEBUG:',
      "    SECRET_KEY = 'dev-only-key-Kx9vQm2'",
      'DATABASES = {',
      "    'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': f'shop_{ENV}', 'PASSWORD': env('DB_PASSWORD'), 'HOST': 'db\\\\1'},",
      '}',
      '',
    ].join('\n');
    const facts = parseDjangoSettings(text)!;
    expect(facts.connections).toEqual([{ name: 'default', type: 'postgresql', entries: [] }]);
    expect(parseDjangoSettings('INSTALLED_APPS = ["shop"]\n')).toBeUndefined();
  });
});
