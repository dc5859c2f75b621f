import type { Span } from './facts.js';

/**
 * Blanks Helm `{{ … }}` actions that stand alone on their lines (`{{- if .Values.x }}`, so they
 * cannot end a block scalar) and turns inline ones into a same-length plain word, so the YAML
 * around them still parses and lexes. Offsets and line breaks are kept. Linear: an unclosed `{{`
 * ends the scan. `templates` (the actions' spans) come out sorted and disjoint.
 */
export function maskHelmTemplates(source: string): { masked: string; templates: Span[] } {
  const templates: Span[] = [];
  const parts: string[] = [];
  let copied = 0;
  for (let start = source.indexOf('{{'); start >= 0; start = source.indexOf('{{', copied)) {
    const close = source.indexOf('}}', start + 2);
    if (close < 0) break;
    const end = close + 2;
    templates.push({ start, end });
    const alone = blankTo(source, start, -1) && blankTo(source, end, 1);
    parts.push(source.slice(copied, start), source.slice(start, end).replace(/[^\r\n]/g, alone ? ' ' : 'x'));
    copied = end;
  }
  if (templates.length === 0) return { masked: source, templates };
  parts.push(source.slice(copied));
  return { masked: parts.join(''), templates };
}

/** True when only spaces and tabs stand between `from` and the line's start (`step` -1) or end (1). */
function blankTo(text: string, from: number, step: 1 | -1): boolean {
  let i = step < 0 ? from - 1 : from;
  while (i >= 0 && i < text.length && (text[i] === ' ' || text[i] === '\t')) i += step;
  return i < 0 || i >= text.length || text[i] === '\n' || text[i] === '\r';
}

/** Pipeline stages that hand a value on unchanged as far as a name goes (`| quote`, `| toString`). */
const PASS_THROUGH = new Set(['quote', 'squote', 'toString', 'trim', 'toYaml']);

/**
 * The `.Values` path one Helm action reads as a whole value: `{{ .Values.database.name | quote }}`
 * → `['database', 'name']`; also `$.Values.x`, `required "msg" .Values.x` and `.Values.x | default "y"`
 * (the values file's value wins where it sets one). Undefined for anything else (`printf`, `include`,
 * `tpl`, two references, a variable): what those render is not read. Split by hand, no RegExp.
 */
export function valuesReference(action: string): string[] | undefined {
  let body = action.trim();
  if (!body.startsWith('{{') || !body.endsWith('}}')) return undefined;
  body = body.slice(2, -2);
  if (body.startsWith('-')) body = body.slice(1);
  if (body.endsWith('-')) body = body.slice(0, -1);
  if (body.includes('{{') || body.includes('}}')) return undefined;
  const stages = splitPipeline(body);
  if (!stages) return undefined;
  const [first, ...rest] = stages;
  let words = first;
  if (words.length === 3 && words[0] === 'required' && isStringLiteral(words[1])) words = [words[2]];
  if (words.length !== 1) return undefined;
  const path = valuesPath(words[0]);
  if (!path) return undefined;
  for (const stage of rest) {
    const plain = stage.length === 1 && PASS_THROUGH.has(stage[0]);
    const fallback = stage.length === 2 && stage[0] === 'default' && isStringLiteral(stage[1]);
    if (!plain && !fallback) return undefined;
  }
  return path;
}

/**
 * The words of each `|` stage, a `"…"` string (escapes kept) one word; undefined for parentheses, raw
 * strings or an unclosed string (not worth reading). One pass.
 */
function splitPipeline(body: string): string[][] | undefined {
  const stages: string[][] = [[]];
  let word = '';
  const end = () => {
    if (word !== '') stages[stages.length - 1].push(word);
    word = '';
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"') {
      end();
      let j = i + 1;
      while (j < body.length && body[j] !== '"') j += body[j] === '\\' ? 2 : 1;
      if (j >= body.length) return undefined;
      word = body.slice(i, j + 1);
      end();
      i = j;
    } else if (c === '(' || c === ')' || c === '`') return undefined;
    else if (c === '|') {
      end();
      stages.push([]);
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') end();
    else word += c;
  }
  end();
  return stages.some((words) => words.length === 0) ? undefined : stages;
}

function isStringLiteral(word: string): boolean {
  return word.length >= 2 && word.startsWith('"') && word.endsWith('"');
}

/** `.Values.a.b` / `$.Values.a.b` → `['a', 'b']`: plain keys only (an `index` call or a variable is not followed). */
function valuesPath(word: string): string[] | undefined {
  const rest = word.startsWith('$.Values.') ? word.slice(9) : word.startsWith('.Values.') ? word.slice(8) : undefined;
  if (rest === undefined) return undefined;
  const path = rest.split('.');
  return path.every((key) => /^[A-Za-z_][\w-]*$/.test(key)) ? path : undefined;
}
