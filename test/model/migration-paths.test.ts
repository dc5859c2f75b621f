import { describe, expect, it } from 'vitest';
import { isMigrationPath } from '../../src/model/migrations.js';
import type { Service } from '../../src/model/model.js';

const service = (roots: string[], migrations: string[]): Service => ({
  name: 'pharmacy-service',
  roots,
  databases: [],
  prefixes: [],
  ownedPatterns: [],
  createdTables: [],
  migrations,
});

describe('isMigrationPath with configured migration folders', () => {
  it('a folder outside the roots adds to the usual folder names inside them', () => {
    const pharmacy = service(['services/pharmacy-service'], ['migrations/pharmacy']);
    expect(isMigrationPath('migrations/pharmacy/V1__prescriptions.sql', pharmacy)).toBe(true);
    expect(isMigrationPath('migrations/pharmacy/2024/V2__dispensing.sql', pharmacy)).toBe(true);
    expect(isMigrationPath('services/pharmacy-service/migrations/V1__stock.sql', pharmacy)).toBe(true);
    expect(isMigrationPath('services/pharmacy-service/src/db.ts', pharmacy)).toBe(false);
  });

  it('a folder inside the roots (or a glob that may be anywhere) replaces them, as before', () => {
    const inside = service(['services/auth'], ['services/auth/db/changes/**']);
    expect(isMigrationPath('services/auth/db/changes/001.sql', inside)).toBe(true);
    expect(isMigrationPath('services/auth/migrations/V1__users.sql', inside)).toBe(false);
    const anywhere = service(['services/auth'], ['**/changes']);
    expect(isMigrationPath('services/auth/changes/001.sql', anywhere)).toBe(true);
    expect(isMigrationPath('services/auth/migrations/V1__users.sql', anywhere)).toBe(false);
  });
});
