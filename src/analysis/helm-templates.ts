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
