import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foreignDrivers } from '../../src/model/foreign-drivers.js';
import { PackageIndex } from '../../src/model/packages.js';
import { tempDir } from '../temp-dirs.js';

function makeRepo(files: Record<string, string>): string {
  const root = tempDir('nilecare-foreign-drivers-');
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

describe('SQL drivers in other languages’ manifests', () => {
  it('reads the driver a Go, Python, Ruby or Java deployable requires, with the manifest that says so', () => {
    const root = makeRepo({
      'ledger/go.mod':
        'module github.com/acme/ledger\n\ngo 1.22\n\nrequire (\n\tgithub.com/jackc/pgx/v5 v5.5.2\n\tgithub.com/google/uuid v1.6.0\n)\n',
      'stock/go.mod': 'module stock\n\nrequire github.com/go-sql-driver/mysql v1.8.1\n',
      'fraud/pyproject.toml': '[project]\nname = "fraud"\ndependencies = ["fastapi>=0.110", "psycopg[binary]>=3.1"]\n',
      'reports/requirements.txt': 'sqlalchemy==2.0.30\nPyMySQL==1.1.0\n',
      'billing/Gemfile': "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem 'pg', '~> 1.5'\n",
      'search/pom.xml': '<dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId></dependency>\n',
    });
    const packages = new PackageIndex(root);
    const of = (folder: string) => foreignDrivers(packages, folder).map((d) => `${d.dialect} ${d.driver} ${d.file}`);
    expect(of('ledger')).toEqual(['postgresql github.com/jackc/pgx/v5 ledger/go.mod']);
    expect(of('stock')).toEqual(['mysql github.com/go-sql-driver/mysql stock/go.mod']);
    expect(of('fraud')).toEqual(['postgresql psycopg fraud/pyproject.toml']);
    expect(of('reports')).toEqual(['mysql PyMySQL reports/requirements.txt']);
    expect(of('billing')).toEqual(['postgresql pg billing/Gemfile']);
    expect(of('search')).toEqual(['postgresql org.postgresql search/pom.xml']);
  });

  it('names no engine for a manifest without an SQL driver, or for a package whose name only contains one', () => {
    const root = makeRepo({
      'api/go.mod': 'module api\n\nrequire github.com/redis/go-redis/v9 v9.5.1\n',
      'ml/pyproject.toml': '[project]\ndependencies = ["psycopg-pool-metrics>=1", "mysqlclient-stubs"]\n',
      'web/Gemfile': "gem 'pg_search'\n",
    });
    const packages = new PackageIndex(root);
    for (const folder of ['api', 'ml', 'web', 'missing']) expect(foreignDrivers(packages, folder)).toEqual([]);
  });
});
