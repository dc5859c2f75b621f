/**
 * The secret-leak corpus of issue 13's "Done means": one repository holding every secret
 * shape the linter reads, each with its own planted value, and the checker that looks for
 * those values — whole, as any fragment of six characters or more, and as base64 — in
 * everything the tool writes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeBaseRepo, type Tree } from './repo.js';

export interface PlantedSecret {
  /** Where it is planted, for the report (never the value). */
  label: string;
  value: string;
}

/**
 * Distinct values, random-looking so that no fragment of one occurs in the tool's own words,
 * except the URL password, kept verbatim because its `/` is the defect of row 9.
 */
export const PLANTED: Record<string, PlantedSecret> = {
  envFile: { label: '.env DB_PASSWORD', value: 'Kx9vQm2LpZr7Wt' },
  envJwt: { label: '.env JWT_SECRET', value: 'Bq7mZt4XvN2kRc' },
  urlTail: { label: '.env DATABASE_URL userinfo (with /)', value: 'hunter2/TailSecret99' },
  composeMap: { label: 'compose environment map POSTGRES_PASSWORD', value: 'Hq4nBv8YcT2sXe' },
  composeList: { label: 'compose environment list MYSQL_ROOT_PASSWORD', value: 'Zr6pNw3KdF9jLu' },
  composeUrl: { label: 'compose DATABASE_URL userinfo', value: 'Wd3hJx8PqM5tGv' },
  k8sSecretData: { label: 'Kubernetes Secret data (base64)', value: 'Vb7tMx2QsR8kWd' },
  k8sSecretString: { label: 'Kubernetes Secret stringData', value: 'Jd5yPc9XnG3hTq' },
  k8sConfigMap: { label: 'Kubernetes ConfigMap data', value: 'Fw8kLs4ZbN6rYm' },
  k8sWorkloadEnv: { label: 'Kubernetes Deployment env value', value: 'Tp3gHx7VcK9mQz' },
  k8sUrl: { label: 'Kubernetes ConfigMap DATABASE_URL userinfo', value: 'Mz6qRb2WkT8yNs' },
  codeUrl: { label: 'code connection string userinfo', value: 'Gm2wRt8NqX5vBk' },
  codeFallback: { label: "code fallback process.env.DB_PASSWORD || '…'", value: 'Lc6sWq9TzP4nHv' },
  codeNullish: { label: "code fallback process.env.JWT_SECRET ?? '…'", value: 'Xe4dKp7MbQ2wZr' },
  codeOption: { label: 'code connection option password:', value: 'Ps8nVc3GxL6tKj' },
  joiDefault: { label: "Joi .default('…')", value: 'Ny3kFb7RmJ2xSd' },
  zodDefault: { label: "zod .default('…')", value: 'Cu5gWn9LdT4pXh' },
  envalidDefault: { label: 'envalid str({ default })', value: 'Ry2vMk6QhB8sFn' },
  mysqlCreateUser: { label: "MySQL CREATE USER … IDENTIFIED BY '…'", value: 'Qs8vDt4WpL6cZn' },
  pgCreateUser: { label: "PostgreSQL CREATE USER … WITH PASSWORD '…'", value: 'Rb5xKm9HgT3wYp' },
  pgAlterUser: { label: "PostgreSQL ALTER USER … PASSWORD '…'", value: 'Yk7cNf4SjW2mDv' },
};

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** The corpus: the base repository plus every secret shape, in both services and a k8s/ folder. */
export function secretCorpus(values: Record<string, PlantedSecret> = PLANTED): Tree {
  const v = (key: keyof typeof PLANTED) => values[key].value;
  return {
    'services/billing-service/.env':
      `DB_HOST=billing-db\nDB_NAME=billing\nDB_USER=billing\nDB_PASSWORD=${v('envFile')}\nJWT_SECRET=${v('envJwt')}\n` +
      `DATABASE_URL=postgres://app:${v('urlTail')}@db:5432/billing\n`,
    'docker-compose.yml':
      'services:\n' +
      '  clinical-service:\n    image: clinical\n    environment:\n      PGDATABASE: clinical\n' +
      `      POSTGRES_PASSWORD: ${v('composeMap')}\n      DATABASE_URL: postgres://clinical:${v('composeUrl')}@clinical-db:5432/clinical\n` +
      '  billing-service:\n    image: billing\n    environment:\n      - DB_NAME=billing\n' +
      `      - MYSQL_ROOT_PASSWORD=${v('composeList')}\n`,
    'k8s/billing/secret.yaml':
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing-db-secret\ntype: Opaque\n' +
      `data:\n  DB_PASSWORD: ${b64(v('k8sSecretData'))}\nstringData:\n  API_TOKEN: ${v('k8sSecretString')}\n`,
    'k8s/billing/configmap.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: billing-service-config\n' +
      `data:\n  DB_NAME: billing\n  DB_PASSWORD: ${v('k8sConfigMap')}\n  DATABASE_URL: mysql://billing:${v('k8sUrl')}@billing-db:3306/billing\n`,
    'k8s/billing/deployment.yaml':
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: billing-service\nspec:\n  template:\n    spec:\n      containers:\n' +
      `        - name: billing\n          image: billing:1\n          env:\n            - name: DB_PASSWORD\n              value: ${v('k8sWorkloadEnv')}\n`,
    'services/billing-service/src/legacy-db.ts':
      "import mysql from 'mysql2/promise';\n\n" +
      `export const legacy = mysql.createPool('mysql://billing:${v('codeUrl')}@billing-db:3306/billing');\n` +
      `export const password = process.env.DB_PASSWORD || '${v('codeFallback')}';\n` +
      `export const jwtSecret = process.env.JWT_SECRET ?? '${v('codeNullish')}';\n` +
      `export const admin = mysql.createPool({ host: 'billing-db', user: 'admin', password: '${v('codeOption')}', database: 'billing' });\n`,
    'services/billing-service/src/env.ts':
      "import Joi from 'joi';\nimport { z } from 'zod';\nimport { cleanEnv, str } from 'envalid';\n\n" +
      `export const joiSchema = Joi.object({ DB_PASSWORD: Joi.string().default('${v('joiDefault')}') });\n` +
      `export const zodSchema = z.object({ DB_PASSWORD: z.string().default('${v('zodDefault')}') });\n` +
      `export const env = cleanEnv(process.env, { DB_PASSWORD: str({ default: '${v('envalidDefault')}' }) });\n`,
    'services/billing-service/migrations/V2__create_app_user.sql': `CREATE USER 'billing_app'@'%' IDENTIFIED BY '${v('mysqlCreateUser')}';\n`,
    'services/clinical-service/migrations/V2__create_app_user.sql': `CREATE USER clinical_app WITH PASSWORD '${v('pgCreateUser')}';\nALTER USER clinical_app PASSWORD '${v('pgAlterUser')}';\n`,
  };
}

/** Writes the corpus repository (no config: the runs infer it, and `init` writes one last). */
export function writeSecretRepo(dir: string): void {
  writeBaseRepo(dir, { config: false, extra: secretCorpus() });
}

/**
 * The forms a value can leak in: itself, every 6-character fragment of it, and its base64 at
 * the three byte alignments it can have inside a longer encoded string (the characters that
 * depend on the neighbours are cut off).
 */
export function leakNeedles(value: string, vocabulary: ReadonlySet<string> = new Set()): string[] {
  const needles = new Set<string>([value]);
  for (let i = 0; i + 6 <= value.length; i++) {
    const fragment = value.slice(i, i + 6);
    if (!vocabulary.has(fragment)) needles.add(fragment);
  }
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), Buffer.from(value, 'utf8')])
      .toString('base64')
      .replace(/=+$/, '');
    const firstClean = Math.ceil((shift * 8) / 6);
    const lastClean = Math.floor(((shift + Buffer.byteLength(value)) * 8) / 6);
    const stable = encoded.slice(firstClean, lastClean);
    if (stable.length >= 8) needles.add(stable);
  }
  const escaped = encodeURIComponent(value);
  if (escaped !== value) needles.add(escaped);
  return [...needles];
}

/**
 * Six-character fragments that occur in the linter's own code (its messages and words):
 * `Secret` is a fragment of `hunter2/TailSecret99` and of every message about a Kubernetes
 * Secret. Such a fragment in the output proves nothing, so it is not searched for; the report
 * lists what was excluded.
 */
export function toolVocabulary(cliRoot: string): Set<string> {
  const words = new Set<string>();
  const add = (text: string) => {
    for (const token of text.match(/[A-Za-z0-9/_-]{6,}/g) ?? [])
      for (let i = 0; i + 6 <= token.length; i++) words.add(token.slice(i, i + 6));
  };
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      // Comments never reach the output (one in the sources even says `DB_PASSWORD=hunter2`).
      else if (name.endsWith('.js')) add(readFileSync(full, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ' '));
    }
  };
  walk(path.join(cliRoot, 'dist'));
  return words;
}

export interface Leak {
  secret: string;
  /** The needle found (a fragment, base64 or the value). */
  needle: string;
  where: string;
}

/** Every planted value (or fragment, or base64 of it) found in the texts. */
export function findLeaks(
  texts: ReadonlyArray<{ where: string; text: string }>,
  secrets: readonly string[],
  vocabulary?: ReadonlySet<string>,
): Leak[] {
  const leaks: Leak[] = [];
  for (const secret of secrets) {
    const needles = leakNeedles(secret, vocabulary);
    for (const { where, text } of texts) {
      const hit = needles.find((needle) => text.includes(needle));
      if (hit !== undefined) leaks.push({ secret, needle: hit, where });
    }
  }
  return leaks;
}

/** Fragments left out of the search because the tool itself uses them. */
export function excludedFragments(secret: string, vocabulary: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i + 6 <= secret.length; i++) if (vocabulary.has(secret.slice(i, i + 6))) out.push(secret.slice(i, i + 6));
  return out;
}
