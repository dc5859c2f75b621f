/**
 * Where each literal secret of the repository is written: the code fallback of a secret env
 * variable, a credential option, a connection string's password, a committed env file, a
 * Kubernetes manifest. A password that stands in two places (a code fallback and a ConfigMap)
 * has leaked twice and must be rotated in both, so findings point at the other places — by
 * location and key, never by value.
 */
import { factsSummary, type FileFacts, type SecretDescriptor, type SecretInValue, type Span } from '../../src/analysis/facts.js';
import type { ProjectModel } from '../../src/model/model.js';
import { isTestFile } from '../../src/model/paths.js';
import { displayName } from './redact.js';
import type { RelatedTarget } from '../../src/engine/types.js';

/** Related locations per finding, at most. */
const MAX_RELATED = 5;

interface Occurrence {
  file: string;
  span: Span;
  /** What holds the value, e.g. "the code fallback of 'DB_PASSWORD'". */
  holder: string;
}

/** Per project, the occurrences of each fingerprint asked for, in file order. */
const indexes = new WeakMap<ProjectModel, Map<string, Occurrence[]>>();
/** Per file, its occurrences by fingerprint. */
const ofFiles = new WeakMap<object, Map<string, Occurrence[]>>();

/**
 * The other places that hold the secret `secret` describes (found at `span` of `file`), as
 * related locations; undefined when there are none, or the value has no fingerprint (short, a
 * placeholder, a reference). Values are matched by their fingerprints (src/analysis/secrets.ts),
 * as the facts hold no value. The index is built once per project.
 */
export function sameSecretElsewhere(
  project: ProjectModel,
  secret: SecretDescriptor | undefined,
  file: string,
  span: Span,
): RelatedTarget[] | undefined {
  if (!secret?.fingerprint) return undefined;
  let index = indexes.get(project);
  if (!index) indexes.set(project, (index = new Map<string, Occurrence[]>()));
  const { fingerprint } = secret;
  let found = index.get(fingerprint);
  if (!found) index.set(fingerprint, (found = occurrencesOf(project.files, fingerprint)));
  const others = found
    .filter((o) => o.file !== file || o.span.end <= span.start || o.span.start >= span.end)
    .slice(0, MAX_RELATED)
    .map((o) => ({ file: o.file, span: o.span, message: `the same value is ${o.holder} here` }));
  return others.length > 0 ? others : undefined;
}

/** Where `fingerprint` is held, in file order: only files whose summary holds it are read (a warm run's others are not decoded). */
function occurrencesOf(files: readonly FileFacts[], fingerprint: string): Occurrence[] {
  const out: Occurrence[] = [];
  for (const file of files) {
    if (isTestFile(file.path)) continue;
    const summary = factsSummary(file);
    if (summary && !summary.fingerprints?.includes(fingerprint)) continue;
    let index = ofFiles.get(file);
    if (!index) ofFiles.set(file, (index = fileOccurrences(file)));
    out.push(...(index.get(fingerprint) ?? []));
  }
  return out;
}

/** A file's secrets by fingerprint, each list in the order of the file's facts. */
function fileOccurrences(file: FileFacts): Map<string, Occurrence[]> {
  const index = new Map<string, Occurrence[]>();
  const add = (secret: SecretDescriptor | undefined, span: Span, holder: string) => {
    if (!secret?.fingerprint) return;
    const list = index.get(secret.fingerprint) ?? [];
    list.push({ file: file.path, span, holder });
    index.set(secret.fingerprint, list);
  };
  const addInValue = (secrets: readonly SecretInValue[] | undefined, span: Span, holder: string) => {
    for (const inValue of secrets ?? []) add(inValue.secret, span, holder);
  };
  for (const fallback of file.script?.envDefaults ?? []) {
    if (fallback.valueKind === 'string') add(fallback.secret, fallback.fileSpan, `the code fallback of '${fallback.name}'`);
  }
  for (const property of file.script?.configProperties ?? []) {
    if (property.valueKind === 'string') add(property.secret, property.valueSpan, `option '${property.key}'`);
  }
  for (const literal of file.script?.connectionStrings ?? [])
    addInValue(literal.secretsInValue, literal.fileSpan, 'the password of a connection string');
  for (const connection of file.ormConfig?.connections ?? [])
    for (const entry of connection.entries) {
      const where = `connection ${connection.name !== undefined ? `'${displayName(connection.name)}' ` : ''}of ${file.path.slice(file.path.lastIndexOf('/') + 1)}`;
      if (entry.secret) add(entry.secret, entry.valueSpan, `'${entry.key}' of ${where}`);
      else addInValue(entry.secretsInValue, entry.valueSpan, `the password in '${entry.key}' of ${where}`);
    }
  for (const entry of file.env ?? []) {
    if (entry.secret) add(entry.secret, entry.valueSpan, `'${entry.key}' of an env file`);
    else addInValue(entry.secretsInValue, entry.valueSpan, `the password in '${entry.key}'`);
  }
  for (const manifest of file.k8s ?? []) {
    for (const entry of manifest.entries) {
      if (entry.templated) continue;
      const owner = `${manifest.kind} '${displayName(manifest.name)}'`;
      if (entry.secret) add(entry.secret, entry.valueSpan, `'${entry.key}' of ${owner}`);
      else addInValue(entry.secretsInValue, entry.valueSpan, `the password in '${entry.key}' of ${owner}`);
    }
  }
  for (const service of file.compose ?? []) {
    for (const entry of service.entries) {
      if (entry.secret) add(entry.secret, entry.valueSpan, `'${entry.key}' of compose service '${service.service}'`);
      else addInValue(entry.secretsInValue, entry.valueSpan, `the password in '${entry.key}' of compose service '${service.service}'`);
    }
    for (const entry of service.commands ?? []) {
      const where = `the ${entry.in === 'healthcheck' ? 'healthcheck test' : entry.in} of compose service '${service.service}'`;
      if (entry.secret) add(entry.secret, entry.valueSpan, `'${entry.key}' in ${where}`);
      else addInValue(entry.secretsInValue, entry.valueSpan, `the password of a connection string in ${where}`);
    }
  }
  for (const setting of file.yamlSettings ?? []) {
    const name = [...setting.path, setting.key].join('.');
    if (setting.secret) add(setting.secret, setting.valueSpan, `setting '${name}'`);
    else addInValue(setting.secretsInValue, setting.valueSpan, `the password in '${name}'`);
  }
  for (const secret of file.sql?.secrets ?? []) add(secret.secret, secret.span, `the password of a ${secret.statement} statement`);
  for (const analysis of file.embeddedAnalyses ?? [])
    for (const secret of analysis.secrets ?? [])
      if (secret.fileSpan) add(secret.secret, secret.fileSpan, `the password of a ${secret.statement} statement`);
  return index;
}
