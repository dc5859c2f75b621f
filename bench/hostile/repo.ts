/**
 * The small two-service repository every hostile case starts from. Billing reads the
 * clinical service's `clinical_patients` table: that finding is the "sibling" each case
 * checks for, because a defect that silences a whole run (or a whole file) shows up as a
 * missing sibling long before anyone reads the output.
 *
 * Self-contained on purpose: no import from the linter's src/, so the corpus describes the
 * attacks, not the implementation it attacks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type Tree = Record<string, string | Uint8Array>;

/** Writes `files` (repo-relative posix paths) under `dir`, creating folders. */
export function writeTree(dir: string, files: Tree): void {
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(dir, ...relative.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}

/** Where the sibling finding is: the billing file that reads the clinical table. */
export const SIBLING_FILE = 'services/billing-service/src/report.ts';
export const SIBLING_RULE = 'no-cross-service-query';
export const SIBLING_TABLE = 'clinical_patients';
export const SIBLING_LINE = "  const [rows] = await pool.query('SELECT id, mrn FROM clinical_patients WHERE id = ?', [id]);";
export const SIBLING_TEXT = `import { pool } from './db';\n\nexport async function patientOf(id: string) {\n${SIBLING_LINE}\n  return rows;\n}\n`;

/** A same-service query in the same place: what the clean variant holds instead. */
const CLEAN_REPORT =
  "import { pool } from './db';\n\nexport async function invoiceOf(id: string) {\n  const [rows] = await pool.query('SELECT id, amount FROM billing_invoices WHERE id = ?', [id]);\n  return rows;\n}\n";

export const CONFIG_FILE = 'nilecare-lint.config.json';
export const SUPPRESSIONS_FILE = 'nilecare-lint-suppressions.json';

export interface ServiceEntry {
  name: string;
  roots: string[];
  dialect?: 'mysql' | 'postgresql';
  tables?: string[];
  migrations?: string[];
  databases?: string[];
}

/** The config that matches the layout; cases add hostile globs to a copy of it. */
export function baseConfig(): { dialect: string; services: ServiceEntry[]; [key: string]: unknown } {
  return {
    dialect: 'mysql',
    services: [
      { name: 'billing-service', roots: ['services/billing-service'], dialect: 'mysql', tables: ['billing_*'] },
      { name: 'clinical-service', roots: ['services/clinical-service'], dialect: 'postgresql', tables: ['clinical_*'] },
    ],
  };
}

export interface RepoOptions {
  /** Write nilecare-lint.config.json (default true); a config object replaces the base one. */
  config?: boolean | Record<string, unknown>;
  /** Replace the billing → clinical query by a same-service one: a repository with no error-level finding. */
  clean?: boolean;
  /** Files added or replaced after the base layout. */
  extra?: Tree;
}

/** Writes the base repository into `dir` (which must exist or be creatable). */
export function writeBaseRepo(dir: string, options: RepoOptions = {}): void {
  const tree: Tree = {
    'package.json': '{ "name": "hostile-monorepo", "private": true }\n',
    '.gitignore': 'node_modules/\n',
    'services/billing-service/package.json': '{ "name": "billing-service", "private": true, "dependencies": { "mysql2": "^3.9.0" } }\n',
    'services/billing-service/.env.example': 'DB_HOST=billing-db\nDB_NAME=billing\nDB_USER=billing\n',
    'services/billing-service/migrations/V1__create_billing_invoices.sql':
      'CREATE TABLE billing_invoices (\n  id BIGINT AUTO_INCREMENT PRIMARY KEY,\n  patient_id BIGINT NOT NULL,\n  amount DECIMAL(10, 2) NOT NULL,\n' +
      '  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP\n);\n',
    'services/billing-service/src/db.ts':
      "import mysql from 'mysql2/promise';\n\nexport const pool = mysql.createPool({\n  host: process.env.DB_HOST,\n  database: process.env.DB_NAME,\n  user: process.env.DB_USER,\n  password: process.env.DB_PASSWORD,\n});\n",
    [SIBLING_FILE]: options.clean ? CLEAN_REPORT : SIBLING_TEXT,
    'services/clinical-service/package.json': '{ "name": "clinical-service", "private": true, "dependencies": { "pg": "^8.11.0" } }\n',
    'services/clinical-service/.env.example': 'PGHOST=clinical-db\nPGDATABASE=clinical\nPGUSER=clinical\n',
    'services/clinical-service/migrations/V1__create_clinical_patients.sql':
      'CREATE TABLE clinical_patients (\n  id BIGSERIAL PRIMARY KEY,\n  mrn TEXT NOT NULL,\n' +
      '  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),\n  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()\n);\n',
    'services/clinical-service/src/db.ts':
      "import { Pool } from 'pg';\n\nexport const pool = new Pool({ host: process.env.PGHOST, database: process.env.PGDATABASE, user: process.env.PGUSER });\n",
  };
  if (options.config !== false) {
    const config = typeof options.config === 'object' ? options.config : baseConfig();
    tree[CONFIG_FILE] = `${JSON.stringify(config, null, 2)}\n`;
  }
  writeTree(dir, { ...tree, ...(options.extra ?? {}) });
}
