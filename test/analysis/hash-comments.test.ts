import { describe, expect, it } from 'vitest';
import type { CommentFact } from '../../src/analysis/facts.js';
import { parseEnvFile } from '../../src/analysis/env.js';
import { envComments, yamlComments } from '../../src/analysis/hash-comments.js';
import { computeLineStarts, positionAt } from '../../src/analysis/text.js';

/** `line:column text` of each comment, `(own line)` marked, the text cut from the source by its span. */
function show(text: string, comments: CommentFact[]): string[] {
  const lineStarts = computeLineStarts(text);
  return comments.map((c) => {
    expect(text.slice(c.span.start, c.span.end)).toBe(c.text);
    const { line, column } = positionAt(lineStarts, c.span.start);
    return `${line}:${column} ${c.text}${c.ownLine ? ' (own line)' : ''}`;
  });
}

const env = (lines: string[], eol = '\n') => {
  const text = lines.join(eol) + eol;
  return show(text, envComments(text, parseEnvFile(text)));
};
const yaml = (lines: string[], eol = '\n') => {
  const text = lines.join(eol) + eol;
  return show(text, yamlComments(text));
};

describe('envComments', () => {
  it('finds whole-line and trailing comments, not a # inside or glued to a value', () => {
    expect(
      env([
        '# header',
        '  # indented',
        'DB_HOST=db # trailing',
        'DB_PASSWORD=abc#def',
        'URL=https://host/path#fragment',
        'QUOTED="a # b" # after quotes',
        "SINGLE='c#d'#glued to the quote",
        'BACKTICK=`e # f`',
        'UNCLOSED="g # h',
        'EMPTY= # value for env.ts and docker compose',
        'export EXPORTED=1\t# tab',
        'not an entry # skipped, as env.ts skips the line',
        'YAML_STYLE: v # colon form',
      ]),
    ).toEqual([
      '1:1 # header (own line)',
      '2:3 # indented (own line)',
      '3:12 # trailing',
      '6:16 # after quotes',
      '7:13 #glued to the quote',
      '11:19 # tab',
      '13:15 # colon form',
    ]);
  });

  it('keeps spans exact with CRLF and lone CR line breaks', () => {
    expect(env(['# one', 'A=1 # two', 'B="x#y" # three'], '\r\n')).toEqual(['1:1 # one (own line)', '2:5 # two', '3:9 # three']);
    expect(env(['# one', 'A=1 # two'], '\r')).toEqual(['1:1 # one (own line)', '2:5 # two']);
  });

  it('never overlaps a value env.ts reads', () => {
    const text = ['A=1 #c', 'B="#" #c', "C='x' y #c", 'D=#c', 'E=a\t#c', 'F= #c', 'G=`#`#c', ''].join('\n');
    const entries = parseEnvFile(text);
    for (const comment of envComments(text, entries)) {
      for (const entry of entries) expect(comment.span.start >= entry.valueSpan.end || comment.span.end <= entry.keySpan.start).toBe(true);
    }
  });
});

describe('yamlComments', () => {
  it('finds comments at line start and after whitespace, not inside quoted scalars or glued to text', () => {
    expect(
      yaml([
        '# header',
        'services:',
        '  billing:  # trailing',
        '    environment:',
        '      - "DB_PASSWORD=a # b"',
        "      - 'KEY=it''s # c' # after",
        '      URL: http://host/#fragment',
        "      PLAIN: it's #1 # both after whitespace",
        '      MULTI: "line one',
        '        # still the string',
        '        end"   # after',
        '      FLOW: [a, "b # c", d] # flow',
      ]),
    ).toEqual([
      '1:1 # header (own line)',
      '3:13 # trailing',
      '6:25 # after',
      '8:19 #1 # both after whitespace',
      '11:16 # after',
      '12:29 # flow',
    ]);
  });

  it('reads block scalar bodies as text, down to the first less indented line', () => {
    expect(
      yaml([
        'data:',
        '  script: |  # header comment',
        '    # text, not a comment',
        '',
        '    echo "# text"',
        '  # trailing comment (less indented than the body)',
        '  folded: >-',
        '    # text',
        '  list:',
        '    - |',
        '      # text',
        '    - x # comment',
        '  alone:',
        '    |',
        '    # text',
        '# comment',
        '--- |',
        '# text of a top-level block scalar',
      ]),
    ).toEqual([
      '2:14 # header comment',
      '6:3 # trailing comment (less indented than the body) (own line)',
      '12:9 # comment',
      '16:1 # comment (own line)',
    ]);
  });

  it('keeps spans exact with CRLF; a lone CR ends a comment', () => {
    expect(yaml(['# one', 'a: 1 # two', 'b: |', '  # text', 'c: "x # y" # three'], '\r\n')).toEqual([
      '1:1 # one (own line)',
      '2:6 # two',
      '5:12 # three',
    ]);
    expect(show('a: 1 # one\rb: 2\r', yamlComments('a: 1 # one\rb: 2\r'))).toEqual(['1:6 # one']);
  });

  it('masks Helm actions, whose quotes would unbalance the rest', () => {
    expect(
      yaml([
        'metadata:',
        '  name: {{ include "app.fullname" . }}-config # one',
        '{{- if .Values.enabled }}',
        'data:',
        '  A: "{{ .Values.a | default "#fff" }}" # two',
        '  B: "# not a comment"',
        '  script: |',
        '    # text',
        '{{- end }}',
        '    # still text: a blanked action does not end the block',
        '# three',
      ]),
    ).toEqual(['2:47 # one', '5:41 # two', '11:1 # three (own line)']);
  });

  it('finds comments after document markers and directives', () => {
    expect(yaml(['%YAML 1.2', '--- # one', 'a: 1', '... # two'])).toEqual(['2:5 # one', '4:5 # two']);
  });
});
