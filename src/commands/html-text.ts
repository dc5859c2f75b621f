/**
 * Text from the linted repository (service, table, database and file names) placed into HTML
 * or SVG markup. Names come from untrusted repositories: every one goes through `html()`.
 */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Characters that are HTML parse errors (controls, lone surrogates, noncharacters) or that reorder
 * or hide text on screen (bidi overrides, zero-width format characters): shown as `\u…` instead,
 * so a name reads the same in the report as in the repository's bytes.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Noncharacter_Code_Point}]/gu;

/** The text with its invisible and ill-formed characters written out as `\\u…`. */
export function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

/** Markup-safe text: for element content and for double- or single-quoted attribute values alike. */
export function markup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Repository text as HTML: visible, then escaped. */
export function html(text: string): string {
  return markup(visible(text));
}

/** At most `max` characters (code points) of `text`, with `…` when cut: labels in the graph keep a bounded width. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
