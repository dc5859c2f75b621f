/**
 * `--print-config <file>`: the effective configuration as it applies to one file — services
 * (inferred ones written out), every rule with its resolved severity and options — plus the
 * service that owns the file and the dialect its SQL is read in.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import type { NilecareConfig } from '../config/schema.js';
import type { Severity } from '../engine/types.js';
import { resolveRules } from '../lint.js';
import { sqlFileDialect } from '../analysis/dialect.js';
import { fileKindOf } from '../discovery/file-kind.js';
import { configuredServices, createServiceMatcher, dialectFromManifest } from '../model/services.js';
import { ruleRegistry } from '../../rules/index.js';

export interface PrintConfigOptions {
  cwd: string;
  configPath?: string;
  /** The file, relative to `cwd` or absolute. */
  file: string;
  ruleOverrides?: Record<string, Severity | 'off'>;
}

export function effectiveConfigFor(options: PrintConfigOptions): Record<string, unknown> {
  const cwd = path.resolve(options.cwd);
  const loaded = loadConfig(cwd, options.configPath);
  const config: NilecareConfig = loaded?.config ?? {};
  const { services, inferred } = configuredServices(cwd, config);
  const dialects = new Map(services.map((s) => [s.name, s.dialect ?? dialectFromManifest(cwd, s.roots[0])]));
  const file = path.relative(cwd, path.resolve(cwd, options.file)).split(path.sep).join('/');
  const serviceName = createServiceMatcher(services)(file);
  const defaultDialect = config.dialect ?? 'mysql';
  const serviceDialect = serviceName ? dialects.get(serviceName) : undefined;
  const kind = fileKindOf(file);

  let dialect: string | undefined = serviceDialect ?? defaultDialect;
  let dialectSource = serviceDialect
    ? services.find((s) => s.name === serviceName)?.dialect
      ? 'service config'
      : 'service package.json drivers'
    : config.dialect
      ? 'config dialect'
      : 'default';
  if (kind === 'sql' && existsSync(path.join(cwd, file))) {
    const text = readFileSync(path.join(cwd, file), 'utf8');
    dialect = sqlFileDialect(file, text, { serviceDialect, defaultDialect });
    // Decided by the file itself when the fallbacks do not matter.
    const withMysql = sqlFileDialect(file, text, { defaultDialect: 'mysql' });
    const withPg = sqlFileDialect(file, text, { defaultDialect: 'postgresql' });
    if (withMysql === withPg) dialectSource = 'file path or syntax';
  } else if (kind !== 'sql' && kind !== 'script') {
    dialect = undefined;
    dialectSource = 'not SQL';
  }

  const active = new Map(resolveRules(config, options.ruleOverrides).map((entry) => [entry.rule.meta.id, entry]));
  const rules = Object.fromEntries<unknown>(
    Object.keys(ruleRegistry)
      .sort()
      .map((id) => {
        const entry = active.get(id);
        if (!entry) return [id, 'off'] as const;
        const hasOptions = entry.options !== undefined && Object.keys(entry.options as object).length > 0;
        return [id, hasOptions ? [entry.severity, entry.options] : entry.severity] as const;
      }),
  );

  return {
    file,
    exists: existsSync(path.join(cwd, file)),
    kind,
    service: serviceName ?? null,
    dialect: dialect ?? null,
    dialectSource,
    configFile: loaded?.file ? path.relative(cwd, loaded.file).split(path.sep).join('/') : null,
    servicesInferred: inferred,
    config: {
      ...config,
      dialect: defaultDialect,
      services: services.map((s) => ({ ...s, dialect: dialects.get(s.name) ?? null })),
      rules,
    },
  };
}
