import { describe, expect, it } from 'vitest';
import { isCodeMigration, isMigrationFile, isMigrationPath, migrationVersion } from '../../src/model/migrations.js';
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

describe("migrations other languages' tools write (HELDOUT8 #5)", () => {
  const accounts = service(['services/accounts'], []);
  const other = (path: string) => ({ path, kind: 'other' as const });

  it('Rails, Laravel and EF Core migrations are migration files, in their folders only', () => {
    for (const file of [
      'services/accounts/db/migrate/20240110120000_create_users.rb',
      'services/accounts/db/animals_migrate/20240110120000_create_dogs.rb',
      'services/accounts/database/migrations/2024_01_15_000000_create_products_table.php',
      'services/accounts/database/migrations/tenant/0001_01_01_000000_create_users_table.php',
      'services/accounts/src/Accounts.Data/Migrations/20240201093000_InitialCreate.cs',
    ]) {
      expect(isCodeMigration(file), file).toBe(true);
      expect(isMigrationFile(other(file), accounts), file).toBe(true);
    }
    for (const file of [
      'services/accounts/db/migrate/create_users.rb',
      'services/accounts/db/schema.rb',
      'services/accounts/app/models/20240110120000_user.rb',
      'services/accounts/database/migrations/Seeder.php',
      'services/accounts/database/seeders/2024_01_15_000000_products.php',
      'services/accounts/Migrations/20240201093000_InitialCreate.Designer.cs',
      'services/accounts/Migrations/AccountsDbContextModelSnapshot.cs',
      'services/accounts/Data/20240201093000_InitialCreate.cs',
    ]) {
      expect(isCodeMigration(file), file).toBe(false);
      expect(isMigrationFile(other(file), accounts), file).toBe(false);
    }
  });

  it("their versions: Rails' and EF Core's timestamps, Laravel's dated names (its own 0001_01_01 ones apart)", () => {
    expect(migrationVersion('db/migrate/20240110120000_create_users.rb')).toEqual({
      kind: 'versioned',
      version: '20240110120000',
      description: 'create_users',
    });
    expect(migrationVersion('Migrations/20240201093000_InitialCreate.cs')?.version).toBe('20240201093000');
    expect(migrationVersion('database/migrations/0001_01_01_000000_create_users_table.php')).toEqual({
      kind: 'versioned',
      version: '00010101000000',
      description: 'create_users_table',
    });
    expect(migrationVersion('database/migrations/0001_01_01_000001_create_cache_table.php')?.version).toBe('00010101000001');
  });

  it("a Python migration's folder is its sequence: Django numbers each app's, sqlalchemy-migrate each repository's (HELDOUT12 #3)", () => {
    expect(migrationVersion('services/lava/lava_results_app/migrations/0003_auto_20150908_1522.py')).toEqual({
      kind: 'versioned',
      version: '3',
      description: 'auto_20150908_1522',
      sequence: 'services/lava/lava_results_app/migrations',
    });
    expect(migrationVersion('services/heat/heat/db/sqlalchemy/migrate_repo/versions/073_newton.py')?.sequence).toBe(
      'services/heat/heat/db/sqlalchemy/migrate_repo/versions',
    );
    // One sequence for the service's other migrations, as before.
    expect(migrationVersion('services/shop/migrations/0003_more.sql')?.sequence).toBeUndefined();
  });
});
