import { describe, expect, it } from 'vitest';
import { closestName, closestServiceName, unknownRuleText } from '../../src/config/closest-name.js';

const RULES = ['no-cross-service-query', 'no-shared-database', 'unknown-table', 'table-prefix'];

describe('closestName', () => {
  it('finds a rule id one or a few edits away, ignoring case', () => {
    expect(closestName('no-shared-databse', RULES)).toBe('no-shared-database');
    expect(closestName('No-Cross-Service-Querry', RULES)).toBe('no-cross-service-query');
    expect(closestName('unknwon-table', RULES)).toBe('unknown-table');
  });

  it('names nothing when no id is within a third of the typed length', () => {
    expect(closestName('frobnicate-everything', RULES)).toBeUndefined();
    expect(closestName('x', [])).toBeUndefined();
  });

  it('keeps service stems apart from plain names', () => {
    expect(closestServiceName('Clinical-Service', ['clinical', 'billing'])).toBe('clinical');
    expect(closestName('Clinical-Service', ['clinical', 'billing'])).toBeUndefined();
  });
});

describe('unknownRuleText', () => {
  it('suggests the closest rule, else points at --list-rules', () => {
    expect(unknownRuleText('table-prefx', RULES)).toBe("unknown rule 'table-prefx' (did you mean 'table-prefix'?)");
    expect(unknownRuleText('no-such-rule', RULES)).toBe("unknown rule 'no-such-rule' (see --list-rules)");
  });
});
