/**
 * Kubernetes manifests: the entries of ConfigMap and Secret `data` and `stringData`, the literal
 * `env[].value`s of workload containers (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
 * CronJob, Pod), and the ConfigMaps and Secrets a kustomization's generators build from `literals`,
 * with exact key and value spans. Multi-document files are split at `---` lines and
 * only the documents that name a read kind are parsed. Helm templates are read too: each
 * `{{ … }}` is masked before parsing (same length, so offsets hold) and the entries it touches
 * are marked `templated`. Documents the YAML parser rejects are reported (`unanalysed-file`), as
 * broken compose files are. Secret `data` stays base64 as written: this module never decodes it.
 */
import type { Document, Node, Scalar, YAMLMap } from 'yaml';
import { isMap, isScalar, isSeq, parseDocument } from './yaml-module.js';
import type { K8sEntry, K8sManifest, K8sWorkloadKind, Span, SyntaxProblem } from './facts.js';
import { rejectedDocument } from './yaml-problems.js';
import { MANIFEST_KIND_LINE } from '../discovery/k8s-sniff.js';
import { maskHelmTemplates, valuesReference } from './helm-templates.js';

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATH: Record<K8sWorkloadKind, readonly string[]> = {
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  Pod: ['spec'],
};

function isWorkloadKind(kind: string | undefined): kind is K8sWorkloadKind {
  return kind !== undefined && Object.hasOwn(POD_SPEC_PATH, kind);
}

/** A `---` document marker: in YAML it can only stand at the start of a line. */
const DOCUMENT_START = /^---(?=[ \t\r\n]|$)/gm;

/**
 * The ConfigMap, Secret and workload documents of a YAML file. Never throws. A document that
 * names such a kind but that the YAML parser rejects goes to `rejected`: skipping it silently
 * would let one overlong key hide every value of a Secret.
 */
export function parseK8sManifests(text: string, rejected?: (problem: SyntaxProblem) => void): K8sManifest[] {
  const out: K8sManifest[] = [];
  for (const { start, end } of documentChunks(text)) {
    const chunk = text.slice(start, end);
    if (!MANIFEST_KIND_LINE.test(chunk)) continue;
    try {
      out.push(...parseChunk(chunk, start, rejected));
    } catch {
      // A defect in the YAML library must cost one document, not the file.
    }
  }
  return out;
}

function documentChunks(text: string): Span[] {
  const starts = [0];
  DOCUMENT_START.lastIndex = 0;
  for (let match = DOCUMENT_START.exec(text); match; match = DOCUMENT_START.exec(text)) if (match.index > 0) starts.push(match.index);
  return starts.map((start, i) => ({ start, end: starts[i + 1] ?? text.length }));
}

/** Builds entries from scalar nodes of one document, whose offsets are relative to `source`, shifted to file offsets. */
interface EntryReader {
  entry(key: Scalar, value: Scalar | null | undefined, section: K8sEntry['section'], encoding: K8sEntry['encoding']): K8sEntry;
  sourceText(node: Node | undefined): string | undefined;
}

function parseChunk(source: string, offset: number, rejected?: (problem: SyntaxProblem) => void): K8sManifest[] {
  const { masked, templates } = maskHelmTemplates(source);
  const doc = parseDocument(masked, { keepSourceTokens: false, uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0) {
    rejected?.(rejectedDocument(doc.errors, offset));
    return [];
  }
  if (!isMap(doc.contents)) return [];
  const kind = scalarText(doc.get('kind', true) as Node | undefined);
  const reader = entryReader(source, offset, templates);
  if (kind === 'Kustomization') return generatedManifests(doc, source, offset, reader);
  if (kind !== 'ConfigMap' && kind !== 'Secret' && !isWorkloadKind(kind)) return [];
  const metadata = doc.get('metadata', true) as Node | undefined;
  const metaText = (key: string) => (isMap(metadata) ? reader.sourceText(metadata.get(key, true)) : undefined);
  const manifest: K8sManifest = { kind, entries: [] };
  const name = metaText('name');
  const namespace = metaText('namespace');
  if (name) manifest.name = name;
  if (namespace) manifest.namespace = namespace;
  manifest.entries = isWorkloadKind(kind) ? workloadEnv(doc, kind, reader) : configEntries(doc, kind, reader);
  return [manifest];
}

/**
 * A kustomization's `configMapGenerator` and `secretGenerator`: each generator is the ConfigMap or
 * Secret kustomize builds, named by its `name`, and its `literals` (`- DB_NAME=billing`) are that
 * object's data, as plain text (kustomize encodes a Secret's). `envs` and `files` name files read
 * on their own (an env file is one already): the manifest keeps their paths (`envFiles`), for the model to give
 * their settings to the service the generated object names.
 */
function generatedManifests(doc: Document, source: string, offset: number, reader: EntryReader): K8sManifest[] {
  const out: K8sManifest[] = [];
  for (const [section, kind] of [
    ['configMapGenerator', 'ConfigMap'],
    ['secretGenerator', 'Secret'],
  ] as const) {
    const generators = doc.get(section, true) as Node | undefined;
    if (!isSeq(generators)) continue;
    for (const generator of generators.items) {
      if (!isMap(generator)) continue;
      const manifest: K8sManifest = { kind, entries: [] };
      const name = reader.sourceText(generator.get('name', true));
      const namespace = reader.sourceText(generator.get('namespace', true));
      if (name) manifest.name = name;
      if (namespace) manifest.namespace = namespace;
      const literals = generator.get('literals', true) as Node | undefined;
      if (isSeq(literals))
        for (const literal of literals.items) {
          if (!isScalar(literal) || !literal.range || typeof literal.value !== 'string') continue;
          const span = innerSpan(source, literal);
          const written = source.slice(span.start, span.end);
          const equals = written.indexOf('=');
          // A literal is read where it reads as written (plain, or quoted without escapes).
          if (equals <= 0 || written !== literal.value) continue;
          manifest.entries.push({
            key: written.slice(0, equals),
            value: written.slice(equals + 1),
            keySpan: shift({ start: span.start, end: span.start + equals }, offset),
            valueSpan: shift({ start: span.start + equals + 1, end: span.end }, offset),
            section: kind === 'Secret' ? 'stringData' : 'data',
            encoding: 'plain',
          });
        }
      const files = generatorFiles(source, offset, generator.get('envs', true), generator.get('env', true), generator.get('files', true));
      if (files.length > 0) manifest.envFiles = files;
      if (manifest.entries.length > 0 || files.length > 0) out.push(manifest);
    }
  }
  return out;
}

/**
 * The files a generator builds its object from, as written (relative to the kustomization's folder): `envs:` (and
 * the older single `env:`) name env files whose lines are the object's keys; `files:` items (`app.env`,
 * `key=path/app.env`) name files each stored under one key, read here only where they are env files themselves.
 */
function generatorFiles(source: string, offset: number, ...lists: Array<unknown>): Array<{ path: string; span: Span }> {
  const out: Array<{ path: string; span: Span }> = [];
  for (const list of lists) {
    const items = isSeq(list) ? list.items : isScalar(list) ? [list] : [];
    for (const item of items) {
      if (!isScalar(item) || !item.range || typeof item.value !== 'string') continue;
      const span = innerSpan(source, item);
      const written = source.slice(span.start, span.end);
      if (written !== item.value || written.includes('$')) continue;
      const equals = written.indexOf('=');
      const path = written.slice(equals + 1).trim();
      if (path === '') continue;
      out.push({ path, span: shift({ start: span.start + equals + 1, end: span.end }, offset) });
    }
  }
  return out;
}

function configEntries(doc: Document, kind: 'ConfigMap' | 'Secret', reader: EntryReader): K8sEntry[] {
  const entries: K8sEntry[] = [];
  for (const section of ['data', 'stringData'] as const) {
    if (section === 'stringData' && kind !== 'Secret') continue;
    const map = doc.get(section, true) as Node | undefined;
    if (!isMap(map)) continue;
    for (const pair of map.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const value = pair.value;
      if (value !== null && value !== undefined && !isScalar(value)) continue;
      entries.push(reader.entry(pair.key, value, section, kind === 'Secret' && section === 'data' ? 'base64' : 'plain'));
    }
  }
  return entries;
}

/**
 * The literal `env` values of every container and init container of the pod template. Items
 * with `valueFrom` (or no `value`) hold a reference, not a literal, and give no entry.
 */
function workloadEnv(doc: Document, kind: K8sWorkloadKind, reader: EntryReader): K8sEntry[] {
  const entries: K8sEntry[] = [];
  const podSpec = doc.getIn(POD_SPEC_PATH[kind], true) as Node | undefined;
  if (!isMap(podSpec)) return entries;
  for (const list of ['initContainers', 'containers']) {
    const containers = podSpec.get(list, true) as Node | undefined;
    if (!isSeq(containers)) continue;
    for (const container of containers.items) {
      if (!isMap(container)) continue;
      const env = container.get('env', true) as Node | undefined;
      if (!isSeq(env)) continue;
      const containerName = reader.sourceText(container.get('name', true));
      for (const item of env.items) {
        if (!isMap(item)) continue;
        const name = item.get('name', true) as Node | undefined;
        const value = pairValue(item, 'value');
        if (!isScalar(name) || !name.range || value === undefined || (value !== null && !isScalar(value))) continue;
        const entry = reader.entry(name, value, 'env', 'plain');
        if (containerName) entry.container = containerName;
        entries.push(entry);
      }
    }
  }
  // Init containers come first in the file by convention, not always: report in file order.
  return entries.sort((a, b) => a.keySpan.start - b.keySpan.start);
}

/** The value node of `key` in `map`: null for `key:` with nothing after it, undefined when the key is absent. */
function pairValue(map: YAMLMap, key: string): Node | null | undefined {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  if (!pair) return undefined;
  return (pair.value as Node | null | undefined) ?? null;
}

function entryReader(source: string, offset: number, templates: readonly Span[]): EntryReader {
  const templated = (range: Scalar['range']) =>
    templates.length > 0 && !!range && overlapsTemplate(templates, { start: range[0], end: range[1] });
  return {
    entry(key, value, section, encoding) {
      const keySpan = innerSpan(source, key);
      const valueSpan = value?.range ? innerSpan(source, value) : { start: keySpan.end, end: keySpan.end };
      const isTemplated = templated(key.range) || templated(value?.range);
      const entry: K8sEntry = {
        key: isTemplated ? source.slice(keySpan.start, keySpan.end) : String(key.value),
        value: isTemplated ? source.slice(valueSpan.start, valueSpan.end) : valueText(source, value ?? undefined, valueSpan),
        keySpan: shift(keySpan, offset),
        valueSpan: shift(valueSpan, offset),
        section,
        encoding,
      };
      if (isTemplated) {
        entry.templated = true;
        // `value: {{ .Values.database.name | quote }}` under a literal `name: DB_NAME`: the chart's values file names it.
        const values = section === 'env' && !templated(key.range) ? valuesReference(entry.value ?? '') : undefined;
        if (values) entry.values = values;
      }
      return entry;
    },
    sourceText: (node) => sourceText(source, node),
  };
}

/** True when `span` overlaps one of the sorted, disjoint `templates` (binary search). */
function overlapsTemplate(templates: readonly Span[], span: Span): boolean {
  let low = 0;
  let high = templates.length;
  // The first template ending after span.start.
  while (low < high) {
    const mid = (low + high) >> 1;
    if (templates[mid].end <= span.start) low = mid + 1;
    else high = mid;
  }
  return low < templates.length && templates[low].start < span.end;
}

/** The span of a scalar's value in the file: inside its quotes; a block scalar's content without its header. */
function innerSpan(source: string, node: Scalar): Span {
  const [start, end] = node.range!;
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') return { start: start + 1, end: Math.max(start + 1, end - 1) };
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    const headerEnd = source.indexOf('\n', start);
    if (headerEnd < 0 || headerEnd >= end) return { start: end, end };
    let contentStart = headerEnd + 1;
    while (contentStart < end && /\s/.test(source[contentStart])) contentStart++;
    let contentEnd = end;
    while (contentEnd > contentStart && /\s/.test(source[contentEnd - 1])) contentEnd--;
    return { start: contentStart, end: contentEnd };
  }
  return { start, end };
}

/** A plain scalar as written (`010` stays `010`, not 8); quoted and block scalars as YAML reads them. */
function valueText(source: string, node: Scalar | undefined, span: Span): string {
  if (!node || node.value === null || node.value === undefined) return '';
  const raw = source.slice(span.start, span.end);
  if ((node.type === 'PLAIN' || node.type === undefined) && !/[\r\n]/.test(raw)) return raw;
  return scalarValueText(node.value);
}

function scalarText(node: Node | undefined): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? scalarValueText(node.value) : undefined;
}

/** A metadata value as written in the source (templated names stay readable: `{{ .Release.Name }}-config`). */
function sourceText(source: string, node: Node | undefined): string | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const span = innerSpan(source, node);
  return source.slice(span.start, span.end).trim() || undefined;
}

function shift(span: Span, offset: number): Span {
  return { start: span.start + offset, end: span.end + offset };
}

/** A scalar's parsed value as text (`true`, `5432`, a date): YAML scalars hold strings, numbers, booleans or dates. */
function scalarValueText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value) ?? '';
}
