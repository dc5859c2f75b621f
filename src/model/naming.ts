import type { SqlStatement, SqlTableDef } from '../analysis/facts.js';
import { HOLE_PREFIX } from '../analysis/facts.js';

/** Lowercase words joined by single underscores; leading underscores are kept (`_prisma_migrations`). */
const SNAKE_CASE = /^_*[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

/**
 * A name TypeORM's DefaultNamingStrategy generates for an index or constraint: its kind's head and a SHA-1 hex slice of
 * the table and columns (`IDX_`, `REL_`, `CHK_`, `XCL_` + 26 digits; `PK_`, `UQ_`, `FK_`, `DF_` + 27). `migration:generate`
 * writes it from the entity; nobody chose it, and a hand rename is one the next generated migration diffs against.
 */
const TYPEORM_GENERATED_NAME = /^(?:(?:IDX|REL|CHK|XCL)_[0-9a-f]{26}|(?:PK|UQ|FK|DF)_[0-9a-f]{27})$/;

export function isTypeormGeneratedName(name: string): boolean {
  return TYPEORM_GENERATED_NAME.test(name);
}

/**
 * Whether a name comes from an unresolved `${…}` in embedded SQL: its real spelling
 * is unknown, so naming rules neither judge it nor conclude that a column is missing.
 */
export function isTemplateHole(name: string): boolean {
  return name.includes(HOLE_PREFIX);
}

export function isSnakeCase(name: string): boolean {
  return SNAKE_CASE.test(name);
}

/**
 * The spellings a schema may adopt. Tables and columns are snake_case by the audit's standard;
 * ORMs generate others (TypeORM: camelCase columns; Prisma: PascalCase tables, camelCase columns).
 */
export const NAME_CASES = ['snake_case', 'camelCase', 'PascalCase'] as const;
export type NameCase = (typeof NAME_CASES)[number];

/** No underscores between words; acronyms (`avatarURL`, `userID`) are accepted as written, never suggested. */
const CAMEL_CASE = /^_*[a-z][a-zA-Z0-9]*$/;
const PASCAL_CASE = /^_*[A-Z][a-zA-Z0-9]*$/;

export function isCase(name: string, nameCase: NameCase): boolean {
  if (nameCase === 'camelCase') return CAMEL_CASE.test(name);
  if (nameCase === 'PascalCase') return PASCAL_CASE.test(name);
  return SNAKE_CASE.test(name);
}

/** `patient_id` → `patientId` (camelCase) or `PatientId` (PascalCase); leading underscores are kept. */
export function toCase(name: string, nameCase: NameCase): string {
  const snake = toSnakeCase(name);
  if (nameCase === 'snake_case') return snake;
  const lead = /^_*/.exec(snake)?.[0] ?? '';
  const words = snake.slice(lead.length).split('_').filter(Boolean);
  const capitalised = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  if (nameCase === 'camelCase' && capitalised.length > 0) capitalised[0] = words[0];
  return lead + capitalised.join('');
}

/**
 * `patientId` → `patient_id`, `HTTPStatus` → `http_status`, `Created At` → `created_at`.
 * Shared by the naming rules so they all suggest the same spelling.
 */
export function toSnakeCase(name: string): string {
  const lead = /^_*/.exec(name)?.[0] ?? '';
  const words = name
    .slice(lead.length)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return lead + words.map((word) => word.toLowerCase()).join('_');
}

/**
 * Whether a missing column can be proven: only on a fully parsed CREATE TABLE with its
 * column list, none of whose names comes from an unresolved template hole.
 */
export function hasProvableColumnList(table: SqlTableDef, statement: SqlStatement): boolean {
  if (table.kind !== 'create' || statement.parse !== 'full' || table.columns.length === 0) return false;
  return !table.columns.some((column) => isTemplateHole(column.name));
}

/**
 * Singular forms of a table name, most likely first: `categories` → `category`,
 * `addresses` → `address`, `statuses` → `status`, `users` → `user`. English is not
 * regular, so the looser forms are accepted too but never suggested first.
 */
export function singularForms(name: string): string[] {
  const forms: string[] = [];
  const lower = name.toLowerCase();
  if (/ies$/.test(lower)) forms.push(`${lower.slice(0, -3)}y`);
  if (/(?:ss|us|x|z|ch|sh)es$/.test(lower)) forms.push(lower.slice(0, -2));
  if (/[^s]s$/.test(lower)) forms.push(lower.slice(0, -1));
  forms.push(lower);
  return [...new Set(forms)];
}

/**
 * The entity a table holds, in snake_case singular forms, most likely first: read from the name as written, so a
 * camelCase or PascalCase table names its words (`contactType` → `contact_type`, `LedgerAccountTypes` →
 * `ledger_account_type`), and without a service prefix first (`auth_users` with `auth_` → `user`, then `auth_user`;
 * the longest prefix wins). The `{entity}` of primary-key-name's `{entity}Id` / `{entity}_id`, of the foreign key
 * column naming its table, and of init's primary-key learner: one reading for all three.
 */
export function entityForms(table: string, prefixes: readonly string[]): string[] {
  const lower = table.toLowerCase();
  const prefix = prefixes
    .filter((p) => p && lower.startsWith(p.toLowerCase()) && lower.length > p.length)
    .sort((a, b) => b.length - a.length)[0];
  const names = prefix ? [table.slice(prefix.length), table] : [table];
  return [...new Set(names.flatMap((name) => singularForms(toSnakeCase(name))))];
}

/** The spellings enum-value-case accepts for enum values. */
export type EnumValueCase = 'snake_case' | 'UPPER_SNAKE_CASE' | 'PascalCase' | 'camelCase';

const ENUM_VALUE_PATTERNS: Record<EnumValueCase, RegExp> = {
  // Lowercase (or upper-case) words of letters and digits joined by single underscores.
  snake_case: /^[a-z0-9]+(?:_[a-z0-9]+)*$/,
  UPPER_SNAKE_CASE: /^[A-Z0-9]+(?:_[A-Z0-9]+)*$/,
  // Words run together, each capitalised (`MachineToMachine`); acronyms as written (`MD5`, `SAML`).
  PascalCase: /^[A-Z][a-zA-Z0-9]*$/,
  camelCase: /^[a-z][a-zA-Z0-9]*$/,
};

/** Whether an enum value is spelled in `valueCase` (enum-value-case, and the convention `init` learns). */
export function isEnumValueCase(value: string, valueCase: EnumValueCase): boolean {
  return ENUM_VALUE_PATTERNS[valueCase].test(value);
}

/** `public.users` → `users`, `"User"` → `User`: the indexed table as an index name spells it (index-name's `{table}`). */
export const indexTableName = (table: string) =>
  table
    .split('.')
    .pop()!
    .replace(/^[`"[]|[`"\]]$/g, '');

/** The first column as written (`email` of `email(20)`, `lower` of `lower(email)`): MySQL names an unnamed index after it (index-name's `{column}`). */
export const firstIndexColumn = (columns: readonly string[]) => /\w+/.exec(columns[0] ?? '')?.[0] ?? '';

/** `users__` → `users`: trailing underscores cut by hand (`/_+$/` searched from every underscore of a long run: quadratic). */
export function withoutTrailingUnderscores(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 95) end--;
  return text.slice(0, end);
}
