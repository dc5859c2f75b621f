import { describe, expect, it } from 'vitest';
import { commandSecrets } from '../../src/analysis/command-secrets.js';
import { parsePackageManifest } from '../../src/analysis/package-manifest.js';

/** Each candidate as `key value` with the text its offsets cover, which must be the value. */
const read = (command: string) =>
  commandSecrets(command).map((c) => {
    expect(command.slice(c.start, c.end)).toBe(c.value);
    return `${c.key} ${c.value}`;
  });

describe('commandSecrets', () => {
  it('reads a URL inside a word from its scheme, after a flag or an assignment', () => {
    expect(read('DATABASE_URL=postgres://o:pw@db/app node-pg-migrate up')).toEqual(['url postgres://o:pw@db/app']);
    expect(read('migrate -database=mysql://u:p@tcp(db:3306)/x up')).toEqual(['url mysql://u:p@tcp(db:3306)/x']);
    expect(read('flyway -url=jdbc:postgresql://db/app migrate')).toEqual(['url jdbc:postgresql://db/app']);
    expect(read('psql "postgres://o:pw@db/app" -c \'select 1\'')).toEqual(['url postgres://o:pw@db/app']);
  });

  it('reads secret-named variables and password flags, quoted or not; nothing else', () => {
    expect(read("PGPASSWORD='a b c' psql -h db")).toEqual(['PGPASSWORD a b c']);
    expect(read('cross-env DB_PASSWORD=x1 API_TOKEN=t2 node .')).toEqual(['DB_PASSWORD x1', 'API_TOKEN t2']);
    expect(read('flyway -password=pw1 --db-password=pw2 --passwd=pw3 migrate')).toEqual(['password pw1', 'db-password pw2', 'passwd pw3']);
    // A flag named otherwise (`--auth=none`, `--token-file=…`), a variable that is no secret, an empty value: nothing.
    expect(read('tool --auth=none --secret=x NODE_ENV=production DB_PASSWORD= PGPASSWORD="unclosed')).toEqual([]);
    expect(read('node src/index.js')).toEqual([]);
    // A command substitution is the shell's value.
    expect(read('PGPASSWORD=$(cat /run/secrets/db) psql')).toEqual([]);
  });
});

describe("the MySQL clients' -p<password>", () => {
  it('is read after a MySQL client in the same command, attached or quoted; a prompt, a reference or another program is none', () => {
    expect(read('mysql -h db -u orders -pOrd3rs-Seed-2291 orders < seed.sql')).toEqual(['password Ord3rs-Seed-2291']);
    expect(read("docker compose exec -T db mysqldump -uroot -p'R00t dump' orders")).toEqual(['password R00t dump']);
    expect(read('sh -c "/usr/bin/mariadb-admin ping -h localhost -uroot -pHealth-771"')).toEqual(['password Health-771']);
    // `-p` alone prompts (`orders` is the database); `-p$(…)` is the shell's; `-p"$X"` is what the caller judges.
    expect(read('mysql -u orders -p orders')).toEqual([]);
    expect(read('mysql -uroot -p$(cat /run/secrets/root) orders')).toEqual([]);
    expect(read('mysql -uroot -p"$MYSQL_ROOT_PASSWORD"')).toEqual(['password $MYSQL_ROOT_PASSWORD']);
    // Another program's -p (a port, a path, a profile), and a MySQL client of another command of the line.
    expect(read('tar -pczf backup.tgz data && ssh -p2222 host')).toEqual([]);
    expect(read('mysql -uroot orders < a.sql; pg_dump -p5432 app')).toEqual([]);
  });
});

describe("a package.json's script secrets", () => {
  it('are described where they are written, never kept, and left out for stand-ins', () => {
    const text = JSON.stringify(
      {
        scripts: {
          'migrate:prod': 'DATABASE_URL=postgres://o:Prod-Pw-1@db.prod/app node-pg-migrate up',
          'migrate:dev': 'DATABASE_URL=postgres://o:Dev-Pw-2@db/app node-pg-migrate up',
          'migrate:tunnel': 'DATABASE_URL=postgres://o:Tunnel-Pw-3@localhost:6543/app node-pg-migrate up',
          test: 'PGPASSWORD=Test-Pw-4 vitest',
          seed: 'PGPASSWORD=$SEED_PW psql',
        },
      },
      null,
      2,
    );
    const secrets = parsePackageManifest(text)?.scriptSecrets;
    expect(secrets?.map((s) => [s.script, s.key, s.secret.kind, s.range.line, s.range.column, s.range.endColumn])).toEqual([
      ['migrate:prod', 'url', 'literal', 3, 48, 57],
      ['seed', 'PGPASSWORD', 'reference', 7, 25, 33],
    ]);
    expect(JSON.stringify(secrets)).not.toContain('Prod-Pw-1');
  });
});
