import { describe, expect, it } from 'vitest';
import type { FixSource } from '../../src/engine/fix.js';
import { attachSuggestions } from '../../src/engine/suggestions.js';
import type { Diagnostic } from '../../src/engine/types.js';

const diagnostic = (fingerprint: string, extra: Partial<Diagnostic> = {}): Diagnostic => ({
  ruleId: 'r',
  messageId: 'm',
  message: 'M.',
  severity: 'warn',
  file: 'a.ts',
  line: 3,
  column: 1,
  endLine: 3,
  endColumn: 2,
  fingerprint,
  ...extra,
});

const edit = (text: string) => [{ kind: 'edit' as const, file: 'a.ts', edits: [{ start: 0, end: 1, text }] }];

describe('attachSuggestions', () => {
  it('resolves deferred suggestions, keeps plain ones in order, then adds the engine’s', async () => {
    const offered = new Map<string, FixSource[]>([
      [
        'f1',
        [
          { description: 'plain', changes: edit('x') },
          { messageId: 'later', description: 'deferred', compute: () => Promise.resolve(edit('y')) },
        ],
      ],
    ]);
    const [out] = await attachSuggestions([diagnostic('f1')], offered, () => [{ description: 'engine', changes: edit('z') }], []);
    expect(out.suggestions).toEqual([
      { description: 'plain', changes: edit('x') },
      { messageId: 'later', description: 'deferred', changes: edit('y') },
      { description: 'engine', changes: edit('z') },
    ]);
  });

  it('drops a suggestion whose computation fails, with a notice naming it, and keeps the finding', async () => {
    const notices: string[] = [];
    const offered = new Map<string, FixSource[]>([
      ['f1', [{ description: 'breaks', compute: () => Promise.reject(new Error('no parse')) }]],
    ]);
    const [out] = await attachSuggestions([diagnostic('f1')], offered, () => [], notices);
    expect(out).toEqual(diagnostic('f1'));
    expect(notices).toEqual(["Suggestion 'breaks' for r at a.ts:3 could not be computed: no parse"]);
  });

  it('offers nothing on a suppressed finding', async () => {
    const offered = new Map<string, FixSource[]>([['f1', [{ description: 'plain', changes: edit('x') }]]]);
    const suppressed = diagnostic('f1', { suppressed: { kind: 'inSource' } });
    const [out] = await attachSuggestions([suppressed], offered, () => [{ description: 'engine', changes: edit('z') }], []);
    expect(out.suggestions).toBeUndefined();
  });
});
