import { describe, expect, it } from 'vitest';
import { serviceHead } from '../src/table-prefixes.js';

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
