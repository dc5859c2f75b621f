/**
 * What the realistic generator promises the linter will find, and where it must stay silent:
 * every planted violation with the rule, file and line it must be reported at; every decoy line
 * (same-service joins, SQL-looking log strings, table names in comments, aliases and CTEs named
 * like foreign tables, look-alike env defaults, test mocks) where no rule may report anything;
 * and every place a service's database name is set, from which the location of its
 * `no-shared-database` finding follows (the first of them by path, then line).
 */
export interface Planted {
  ruleId: string;
  file: string;
  line: number;
  /** The shape planted (for messages when it is missed). */
  kind: string;
  /** The foreign table, env key or database. */
  subject: string;
}

export interface Decoy {
  file: string;
  line: number;
  kind: string;
}

export interface SettingSource {
  file: string;
  line: number;
}

/** A line builder that knows the number of the next line. */
export class Doc {
  readonly lines: string[] = [];
  bytes = 0;
  push(...lines: string[]): this {
    for (const line of lines) {
      this.lines.push(line);
      this.bytes += line.length + 1;
    }
    return this;
  }
  get nextLine(): number {
    return this.lines.length + 1;
  }
  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

export class Ledger {
  readonly planted: Planted[] = [];
  readonly decoys: Decoy[] = [];
  /** Database name → service → where the service names it. */
  readonly settings = new Map<string, Map<string, SettingSource[]>>();

  plant(ruleId: string, file: string, line: number, kind: string, subject: string): void {
    this.planted.push({ ruleId, file, line, kind, subject });
  }

  decoy(file: string, line: number, kind: string): void {
    this.decoys.push({ file, line, kind });
  }

  setting(database: string, service: string, file: string, line: number): void {
    const byService = this.settings.get(database) ?? new Map<string, SettingSource[]>();
    const list = byService.get(service) ?? [];
    list.push({ file, line });
    byService.set(service, list);
    this.settings.set(database, byService);
  }

  /**
   * One `no-shared-database` finding per service of every database two services or more name,
   * at the service's first setting (by path, then line) — where the rule points.
   */
  plantSharedDatabases(): void {
    for (const [database, byService] of this.settings) {
      if (byService.size < 2) continue;
      for (const [service, sources] of byService) {
        const first = [...sources].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line))[0];
        this.plant('no-shared-database', first.file, first.line, 'shared-database', `${service} → ${database}`);
      }
    }
  }
}
