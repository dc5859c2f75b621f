import { describe, expect, it } from 'vitest';
import { decideTablePrefixes, ownHead, serviceHead, type PrefixConvention } from '../../src/model/table-prefixes.js';

describe('the prefix a service’s tables share', () => {
  it('is the head all of them share, or, from 4 tables on, the head of at least 3 in 4', () => {
    expect(serviceHead(['ord_orders', 'ord_order_lines'])).toBe('ord_');
    expect(serviceHead(['inv_items', 'inv_stock', 'inv_reservations', 'stock_audit'])).toBe('inv_');
  });

  it('is none when too few tables agree: one departure among 3 hides nothing, two in 5 are no convention', () => {
    expect(serviceHead(['inv_items', 'inv_stock', 'stock_audit'])).toBeUndefined();
    expect(serviceHead(['inv_items', 'inv_stock', 'inv_moves', 'stock_audit', 'stock_log'])).toBeUndefined();
    expect(serviceHead(['orders', 'invoices'])).toBeUndefined();
    // Most tables have no `word_` head at all.
    expect(serviceHead(['orders', 'invoices', 'payments', 'order_lines'])).toBeUndefined();
  });
});

describe('the one prefix decision (init and a run without a config)', () => {
  const decide = (services: Record<string, string[]>) =>
    decideTablePrefixes(Object.entries(services).map(([name, created]) => ({ name, created })));

  it("does not make a single table's first word its service's prefix", () => {
    const decision = decide({
      accounts: ['acc_users', 'acc_roles'],
      billing: ['bil_invoices', 'bil_lines'],
      orders: ['ord_orders', 'ord_lines'],
      telemetry: ['positions_daily'],
    });
    expect(decision.convention).toEqual({ kind: 'prefixed', prefixed: 3, of: 4 } satisfies PrefixConvention);
    expect(decision.byService.get('orders')).toEqual({ prefixes: ['ord_'], note: 'the prefix its tables use' });
    expect(decision.byService.get('telemetry')).toEqual({
      prefixes: ['telemetry_'],
      note: "the default for 'telemetry': one table is no convention ('positions_' is only the first word of positions_daily), and 3 of 4 services with tables share a prefix (prefixed)",
    });
  });

  it("counts a single table that carries its service's own prefix", () => {
    const decision = decide({ auth: ['auth_users'], orders: ['ord_orders', 'ord_lines'] });
    expect(decision.convention.kind).toBe('prefixed');
    expect(decision.byService.get('auth')!.prefixes).toEqual(['auth_']);
  });

  it('where services use no prefixes, a single-table service gets none either', () => {
    const decision = decide({ orders: ['orders', 'order_lines'], catalog: ['products'], reporting: ['report_runs'] });
    expect(decision.convention.kind).toBe('unprefixed');
    expect([...decision.byService.values()].map((d) => d.prefixes)).toEqual([[], [], []]);
  });

  it("a single table's first word still blocks another service from claiming it", () => {
    const decision = decide({ accounts: ['acct_users', 'acct_roles'], audit: ['acct_audit'] });
    expect(decision.collisions).toEqual([{ prefix: 'acct_', services: ['accounts', 'audit'] }]);
    expect(decision.byService.get('accounts')!.prefixes).toEqual(['accounts_']);
  });

  it("takes a service's own longer prefix where its tables share it, not the framework's first word (HELDOUT10 #21)", () => {
    const decision = decide({
      django_mailman3: ['django_mailman3_maildomain', 'django_mailman3_profile'],
      postorius: ['postorius_emailtemplate', 'postorius_addressconfirmationprofile'],
    });
    expect(decision.byService.get('django_mailman3')).toEqual({ prefixes: ['django_mailman3_'], note: 'the prefix its tables use' });
    expect(decision.collisions).toEqual([]);
    // Not when one table leaves the longer head, nor when the service's name does not lengthen the shared head.
    expect(ownHead('django_mailman3', ['django_mailman3_profile', 'django_site'])).toBe('django_');
    expect(ownHead('billing', ['bil_invoices', 'bil_lines'])).toBe('bil_');
    expect(ownHead('auth', ['auth_user_roles', 'auth_user_tokens'])).toBe('auth_');
  });
});
