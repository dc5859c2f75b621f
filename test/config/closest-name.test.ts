import { describe, expect, it } from 'vitest';
import { closestName, closestServiceName, editDistance, unknownRuleText } from '../../src/config/closest-name.js';

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

  it('answers as aligning every name would: names too different in length are skipped, ties keep the first', () => {
    const everyName = (typed: string, names: string[]) => {
      const wanted = typed.toLowerCase();
      const distances = names.map((name) => editDistance(wanted, name.toLowerCase()));
      const min = Math.min(...distances);
      return min <= Math.max(1, Math.floor(wanted.length / 3)) ? names[distances.indexOf(min)] : undefined;
    };
    const tables = ['invoice', 'invoices', 'invoice_items', 'payments', 'payment', 'pay', 'patients', 'a', 'ab', 'encounter'];
    for (const typed of ['invoices', 'invoise', 'invoicess', 'payment', 'paymnt', 'pa', 'x', 'ab', 'encounters', 'patient_notes'])
      expect(closestName(typed, tables), typed).toBe(everyName(typed, tables));
    expect(closestName('cat', ['bat', 'cut'])).toBe('bat');
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
