import { describe, expect, it } from 'vitest';
import { createServiceMatcher } from '../../src/model/services.js';

describe('createServiceMatcher', () => {
  const serviceOf = createServiceMatcher([
    { name: 'billing', roots: ['services/billing/'] },
    { name: 'billing-worker', roots: ['./services/billing/worker'] },
    { name: 'lab', roots: ['services/lab', 'legacy/lab-*'] },
    { name: 'reports', roots: ['services/*/reports'] },
    { name: 'twin', roots: ['services/billing/worker'] },
  ]);

  it('takes the most specific root, literal or glob', () => {
    expect(serviceOf('services/billing/src/a.ts')).toBe('billing');
    expect(serviceOf('services/billing/worker/src/a.ts')).toBe('billing-worker');
    expect(serviceOf('services/lab/reports/x.sql')).toBe('reports');
    expect(serviceOf('legacy/lab-v1/db.sql')).toBe('lab');
  });

  it('matches whole folder names, not prefixes', () => {
    expect(serviceOf('services/billingx/a.ts')).toBeUndefined();
    expect(serviceOf('services/billing')).toBe('billing');
    expect(serviceOf('other/a.ts')).toBeUndefined();
    expect(serviceOf('a.ts')).toBeUndefined();
  });

  it('resolves equally specific roots to the first declared', () => {
    expect(serviceOf('services/billing/worker/a.ts')).toBe('billing-worker');
    const tie = createServiceMatcher([
      { name: 'glob-first', roots: ['services/b?'] },
      { name: 'literal-second', roots: ['services/bx'] },
    ]);
    expect(tie('services/bx/a.ts')).toBe('glob-first');
  });

  it('gives a root of "." or "./" (a one-package repository\'s service) every file no more specific root holds', () => {
    for (const root of ['.', './']) {
      const matcher = createServiceMatcher([
        { name: 'root', roots: [root] },
        { name: 'worker', roots: ['services/worker'] },
      ]);
      expect([matcher('a/b.ts'), matcher('index.js'), matcher('services/worker/a.ts'), matcher('services/workerx/a.ts')]).toEqual([
        'root',
        'root',
        'worker',
        'root',
      ]);
    }
  });

  it('gives a service the files of its configured migration folders outside every root; a root still wins', () => {
    const withMigrations = createServiceMatcher([
      { name: 'scheduling-service', roots: ['services/scheduling-service'], migrations: ['migrations/scheduling'] },
      { name: 'pharmacy-service', roots: ['services/pharmacy-service'], migrations: ['./migrations/pharmacy/'] },
      { name: 'lab', roots: ['services/lab'], migrations: ['services/pharmacy-service/legacy'] },
    ]);
    expect(withMigrations('migrations/scheduling/V1__appointments.sql')).toBe('scheduling-service');
    expect(withMigrations('migrations/pharmacy/2024/V2__dispensing.sql')).toBe('pharmacy-service');
    expect(withMigrations('migrations/reporting/V1__report_runs.sql')).toBeUndefined();
    expect(withMigrations('migrations/schedulingx/V1.sql')).toBeUndefined();
    // A file inside another service's root stays that service's, whatever a migrations entry says.
    expect(withMigrations('services/pharmacy-service/legacy/V0.sql')).toBe('pharmacy-service');
  });
});
