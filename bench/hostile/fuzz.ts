/**
 * The pathological shapes issue 13 asks the seeded fuzz test to grow: long upper-case runs,
 * quote storms and wildcard-heavy globs, each carried by every kind of input that reaches
 * the code concerned. Sizes, letters and star counts come from a seeded generator, so a
 * failing shape is reproduced with its seed (`run.ts --seed N`).
 */
import { refusedNaming, siblingReported, type Observation } from './checks.js';
import type { Built, HostileCase } from './cases.js';
import { baseConfig, CONFIG_FILE, writeBaseRepo, type Tree } from './repo.js';

/** mulberry32: small, fast and good enough to pick sizes and letters reproducibly. */
export class SeededRandom {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  upperRun(length: number): string {
    const letters: string[] = new Array(length);
    for (let i = 0; i < length; i++) letters[i] = String.fromCharCode(65 + this.int(0, 25));
    return letters.join('');
  }
}

const TARGET_EXPECT = 'within 10 s and 500 MiB: exit 1 with the sibling finding';

function shape(id: string, title: string, files: (dir: string) => Tree, extra: Partial<Built> = {}): HostileCase {
  return {
    id,
    row: 'fuzz',
    title,
    build(dir) {
      writeBaseRepo(dir, { extra: files(dir) });
      return { args: ['-f', 'json'], expect: TARGET_EXPECT, verify: (o: Observation) => siblingReported(o), ...extra };
    },
  };
}

/** A glob in the config may also be refused when it loads, with the key path. */
const globExpect = 'within 10 s and 500 MiB (linear glob matching), or exit 2 at config load naming the pattern as too complex';
const globVerify = (o: Observation) => (o.main.exitCode === 2 ? refusedNaming(o.main, CONFIG_FILE) : siblingReported(o));

export function fuzzCases(seed: number): HostileCase[] {
  const rng = new SeededRandom(seed);
  const runLength = () => rng.int(400_000, 1_500_000);
  const stormLength = () => rng.int(200 * 1024, 600 * 1024);
  const stars = () => rng.int(8, 12);
  const longName = () => 'a'.repeat(rng.int(60, 100));
  const bomb = (n: number) => `${'*a'.repeat(n)}*b`;
  const tag = `seed ${seed}`;

  const upper: HostileCase[] = [
    (() => {
      const run = rng.upperRun(runLength());
      return shape('F-upper-configmap-key', `upper-case run of ${run.length} in a ConfigMap data key (${tag})`, () => ({
        'k8s/billing/configmap.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: billing-service-config\ndata:\n  ${run}: x\n`,
      }));
    })(),
    (() => {
      const run = rng.upperRun(runLength());
      return shape('F-upper-compose-key', `upper-case run of ${run.length} in a compose environment key (${tag})`, () => ({
        'docker-compose.yml': `services:\n  billing-service:\n    image: billing\n    environment:\n      ${run}: x\n`,
      }));
    })(),
    (() => {
      const run = rng.upperRun(runLength());
      return shape('F-upper-option-key', `upper-case run of ${run.length} as a connection option key (${tag})`, () => ({
        'services/billing-service/src/opts.ts': `import mysql from 'mysql2/promise';\n\nexport const p = mysql.createPool({ host: 'billing-db', ${run}: 'x' });\n`,
      }));
    })(),
    (() => {
      const run = rng.upperRun(runLength());
      return shape('F-upper-column-name', `upper-case run of ${run.length} as a column name (${tag})`, () => ({
        'services/billing-service/migrations/V3__wide.sql': `CREATE TABLE billing_wide (id BIGINT PRIMARY KEY, ${run} INT);\n`,
      }));
    })(),
    (() => {
      const run = rng.upperRun(runLength());
      return shape('F-upper-index-name', `upper-case run of ${run.length} as an index name (${tag})`, () => ({
        'services/billing-service/migrations/V3__index.sql': `CREATE INDEX ${run} ON billing_invoices (patient_id);\n`,
      }));
    })(),
    (() => {
      const run = rng.upperRun(runLength());
      return shape('F-upper-prisma-model', `upper-case run of ${run.length} as a Prisma model name (${tag})`, () => ({
        'services/billing-service/prisma/schema.prisma': `model ${run} {\n  id Int @id\n}\n`,
      }));
    })(),
  ];

  const storm = (ch: string) => ch.repeat(stormLength());
  const quotes: HostileCase[] = [
    shape('F-quote-compose-single', `storm of ' in docker-compose.yml (${tag})`, () => ({
      'docker-compose.yml': `services:\n  a: ${storm("'")}\n`,
    })),
    shape('F-quote-k8s-double', `storm of " in a Kubernetes manifest (${tag})`, () => ({
      'k8s/billing/configmap.yaml': `apiVersion: v1\nkind: ConfigMap\ndata:\n  a: ${storm('"')}\n`,
    })),
    shape('F-quote-sql-single', `storm of ' in a .sql file (${tag})`, () => ({ 'services/billing-service/sql/storm.sql': storm("'") })),
    shape('F-quote-sql-double', `storm of " in a .sql file (${tag})`, () => ({ 'services/billing-service/sql/storm.sql': storm('"') })),
    shape('F-quote-sql-backtick', `storm of \` in a .sql file (${tag})`, () => ({ 'services/billing-service/sql/storm.sql': storm('`') })),
    shape('F-quote-sql-dollar', `storm of $$ in a PostgreSQL .sql file (${tag})`, () => ({
      'services/clinical-service/sql/storm.sql': storm('$$'),
    })),
    shape('F-quote-ts-single', `storm of ' in a .ts file (${tag})`, () => ({ 'services/billing-service/src/storm.ts': storm("'") })),
    shape('F-quote-ts-backtick', `storm of \` and \${ in a .ts file (${tag})`, () => ({
      'services/billing-service/src/storm.ts': storm('`${'),
    })),
    shape('F-quote-env-double', `storm of " in a .env value (${tag})`, () => ({
      'services/billing-service/.env': `DB_NAME=${storm('"')}\n`,
    })),
    {
      id: 'F-quote-config-double',
      row: 'fuzz',
      title: `storm of " in nilecare-lint.config.json (${tag})`,
      build(dir) {
        writeBaseRepo(dir, { config: false, extra: { [CONFIG_FILE]: storm('"') } });
        return {
          args: ['-f', 'json'],
          expect: 'within 10 s: exit 2 naming the config as invalid JSON',
          verify: (o) => refusedNaming(o.main, CONFIG_FILE),
        };
      },
    },
  ];

  const globInConfig = (
    id: string,
    title: string,
    config: (long: string) => Record<string, unknown>,
    files: (long: string) => Tree,
  ): HostileCase => {
    const long = longName();
    return {
      id,
      row: 'fuzz',
      title: `${title} (${tag}, ${long.length}-character name)`,
      build(dir) {
        writeBaseRepo(dir, { config: config(long), extra: files(long) });
        return { args: ['-f', 'json'], expect: globExpect, verify: globVerify };
      },
    };
  };
  const withRule = (rule: string, options: Record<string, unknown>) => ({ ...baseConfig(), rules: { [rule]: ['error', options] } });
  const query = (table: string) => ({
    'services/billing-service/src/long.ts': `import { pool } from './db';\n\nexport const q = () => pool.query('SELECT id FROM ${table}');\n`,
  });

  const n1 = stars();
  const n2 = stars();
  const n3 = stars();
  const n4 = stars();
  const n5 = stars();
  const n6 = stars();
  const globs: HostileCase[] = [
    globInConfig(
      'F-glob-rule-allow',
      `no-cross-service-query allow: ["${bomb(n1)}"]`,
      () => withRule('no-cross-service-query', { allow: [bomb(n1)] }),
      (long) => query(long),
    ),
    globInConfig(
      'F-glob-unknown-table-ignore',
      `unknown-table ignore: ["${bomb(n2)}"]`,
      () => ({ ...baseConfig(), rules: { 'unknown-table': ['warn', { ignore: [bomb(n2)] }] } }),
      (long) => query(long),
    ),
    globInConfig(
      'F-glob-table-prefix-exempt',
      `table-prefix exempt: ["${bomb(n3)}"]`,
      () => ({ ...baseConfig(), rules: { 'table-prefix': ['warn', { exempt: [bomb(n3)] }] } }),
      (long) => ({
        'services/billing-service/migrations/V3__long.sql': `CREATE TABLE ${long} (id BIGINT PRIMARY KEY);\n`,
      }),
    ),
    globInConfig(
      'F-glob-env-default-allow',
      `no-unsafe-env-default allow: ["${bomb(n4).toUpperCase()}"]`,
      () => ({ ...baseConfig(), rules: { 'no-unsafe-env-default': ['error', { allow: [bomb(n4).toUpperCase()] }] } }),
      (long) => ({
        'services/billing-service/src/long-env.ts': `export const v = process.env.${long.toUpperCase()}_HOST || 'x';\n`,
      }),
    ),
    (() => {
      // `@(a|aa)` compiles to `(a|aa)`: k of them try every split of the name (picomatch 4 leaves
      // `+(` and `*(` literal). A rule option, because `tables` entries without `*?[{` are exact names.
      const k = n5 + 22;
      const table = 'a'.repeat(2 * k - 2);
      const glob = `${'@(a|aa)'.repeat(k)}b`;
      return {
        id: 'F-glob-extglob-rule-allow',
        row: 'fuzz',
        title: `no-cross-service-query allow: ["@(a|aa)" × ${k} + "b"] (alternation backtracking, ${tag}, ${table.length}-character name)`,
        build(dir: string): Built {
          writeBaseRepo(dir, { config: withRule('no-cross-service-query', { allow: [glob] }), extra: query(table) });
          return { args: ['-f', 'json'], expect: globExpect, verify: globVerify };
        },
      };
    })(),
    globInConfig(
      'F-glob-brace-bomb-ignores',
      'ignores: ["{a,b}" × 24] (16M expansions if expanded)',
      () => ({ ...baseConfig(), ignores: ['{a,b}'.repeat(24)] }),
      () => ({}),
    ),
    globInConfig(
      'F-glob-globstar-chain-ignores',
      `ignores: ["**/" × 12 + "${bomb(n6)}"]`,
      () => ({ ...baseConfig(), ignores: [`${'**/'.repeat(12)}${bomb(n6)}`] }),
      (long) => ({
        [`services/billing-service/src/${long}/${long}.ts`]: 'export const x = 1;\n',
      }),
    ),
    (() => {
      const long = longName();
      const n = stars();
      return {
        id: 'F-glob-cli-ignore-pattern',
        row: 'fuzz',
        title: `--ignore-pattern "${bomb(n)}" on the command line (${tag}, ${long.length}-character file name)`,
        build(dir: string): Built {
          writeBaseRepo(dir, { extra: { [`services/billing-service/src/${long}.ts`]: 'export const x = 1;\n' } });
          return {
            args: ['-f', 'json', '--ignore-pattern', `services/billing-service/src/${bomb(n)}`],
            expect: 'within 10 s and 500 MiB, or exit 2 naming --ignore-pattern as too complex',
            verify: (o: Observation) => (o.main.exitCode === 2 ? refusedNaming(o.main, 'ignore-pattern') : siblingReported(o)),
          };
        },
      };
    })(),
  ];
  return [...upper, ...quotes, ...globs];
}
