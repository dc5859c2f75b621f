/**
 * Where each literal secret of the repository is written: the code fallback of a secret env
 * variable, a credential option, a connection string's password, a committed env file, a
 * Kubernetes manifest. A password that stands in two places (a code fallback and a ConfigMap)
 * has leaked twice and must be rotated in both, so findings point at the other places — by
 * location and key, never by value.
 */
import type { FileFacts, Span } from '../../src/analysis/facts.js';
import type { ProjectModel } from '../../src/model/model.js';
import { isTestFile } from '../../src/model/paths.js';
import { spanToRange } from '../../src/analysis/text.js';
import { displayName, isPlaceholderSecret, isSecretName, literalManifestValue, urlPasswordSpan } from './redact.js';
import type { RelatedLocation } from '../../src/engine/types.js';

/** Shorter values (`root`, `postgres`) are defaults everyone types, not one leaked secret. */
const MIN_LENGTH = 8;
/** Related locations per finding, at most. */
const MAX_RELATED = 5;

interface Occurrence {
  file: string;
  span: Span;
  range: RelatedLocation['range'];
  /** What holds the value, e.g. "the code fallback of 'DB_PASSWORD'". */
  holder: string;
}

const indexes = new WeakMap<ProjectModel, Map<string, Occurrence[]>>();

/**
 * The other places that hold `value` (a secret found at `span` of `file`), as related
 * locations; undefined when there are none, or the value is short or a placeholder. The index
 * is built once per project.
 */
export function sameSecretElsewhere(project: ProjectModel, value: string, file: string, span: Span): RelatedLocation[] | undefined {
  if (!isCandidate(value)) return undefined;
  let index = indexes.get(project);
  if (!index) indexes.set(project, (index = buildIndex(project.files)));
  const others = (index.get(value) ?? [])
    .filter((o) => o.file !== file || o.span.end <= span.start || o.span.start >= span.end)
    .slice(0, MAX_RELATED)
    .map((o) => ({ file: o.file, range: o.range, message: `the same value is ${o.holder} here` }));
  return others.length > 0 ? others : undefined;
}

function isCandidate(value: string): boolean {
  return value.length >= MIN_LENGTH && !isPlaceholderSecret(value);
}

function buildIndex(files: readonly FileFacts[]): Map<string, Occurrence[]> {
  const index = new Map<string, Occurrence[]>();
  for (const file of files) {
    if (isTestFile(file.path)) continue;
    const add = (value: string, span: Span, holder: string) => {
      if (!isCandidate(value)) return;
      const list = index.get(value) ?? [];
      list.push({ file: file.path, span, range: spanToRange(file.lineStarts, span), holder });
      index.set(value, list);
    };
    const addUrl = (url: string, span: Span, holder: string) => {
      const password = urlPasswordSpan(url);
      if (password) add(url.slice(password.start, password.end), span, holder);
    };
    for (const fallback of file.script?.envDefaults ?? []) {
      if (fallback.valueKind === 'string' && isSecretName(fallback.name))
        add(fallback.value, fallback.fileSpan, `the code fallback of '${fallback.name}'`);
    }
    for (const property of file.script?.configProperties ?? []) {
      if (property.valueKind === 'string' && property.value && isSecretName(property.key))
        add(property.value, property.valueSpan, `option '${property.key}'`);
    }
    for (const literal of file.script?.connectionStrings ?? [])
      addUrl(literal.value, literal.fileSpan, 'the password of a connection string');
    for (const entry of file.env ?? []) {
      if (isSecretName(entry.key)) add(entry.value, entry.valueSpan, `'${entry.key}' of an env file`);
      else addUrl(entry.value, entry.valueSpan, `the password in '${entry.key}'`);
    }
    for (const manifest of file.k8s ?? []) {
      for (const entry of manifest.entries) {
        const value = literalManifestValue(entry);
        if (value === undefined) continue;
        const owner = `${manifest.kind} '${displayName(manifest.name)}'`;
        if (isSecretName(entry.key)) add(value, entry.valueSpan, `'${entry.key}' of ${owner}`);
        else addUrl(value, entry.valueSpan, `the password in '${entry.key}' of ${owner}`);
      }
    }
  }
  return index;
}
