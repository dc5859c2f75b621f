import path from 'node:path';

/**
 * Names for new migrations in a folder's own scheme, so a suggested file sorts after the folder's
 * migrations and the tool that runs them picks it up: Flyway `V<n>__<description>.sql` continues
 * with the next major version, timestamps (`20251015_100000_x.sql`, `20251015100000-x.js`,
 * Kysely's `20230309T045948368Z-x.ts`, TypeORM's `1697360000000-X.ts`) with the next second (or millisecond) after the latest, in the
 * folder's spelling, product releases (`1.16.11-component-status.js`) with the latest release's next patch. A folder
 * with none starts Flyway at 1 for SQL, a timestamp for scripts.
 */
export interface MigrationNamer {
  /** The folder's own scheme, undefined when it has none. */
  readonly scheme: 'flyway' | 'date-time' | 'epoch' | 'release' | undefined;
  /** A free name for a new migration with this description (snake_case words); each call takes the next one. */
  next(description: string, extension: string): string;
  /** A free name for an existing file: its own number when free (`001_init.sql` → `V1__init.sql`), else the next. */
  forExisting(file: string, description: string, extension: string): string;
}

const FLYWAY = /^V(\d+)(?:[._]\d+)*__/;
/** `20251015_100000_`, `20251015100000-`, and Kysely's ISO 8601 basic `20230309T045948368Z-` (to the millisecond). */
const DATE_TIME = /^((?:19|20)\d{6})([_T-]?)(\d{6})(\d{3}Z)?([_-])/;
const EPOCH = /^(1\d{9}(?:\d{3})?)([_-])/;
/** A product release at the start of the name (`1.16.11-component-status.js`, `1.0.25.js`): the next is the latest's next patch. */
const RELEASE = /^(\d+)\.(\d+)\.(\d+)(?=[-_.])/;

export function migrationNamer(folderFiles: readonly string[], now: () => Date = () => new Date()): MigrationNamer {
  const bases = folderFiles.map((file) => path.posix.basename(file));
  const taken = new Set(bases.map((base) => base.toLowerCase()));
  const flyway = bases.map((base) => FLYWAY.exec(base)).filter((m) => m !== null);
  const dateTimes = bases.map((base) => DATE_TIME.exec(base)).filter((m) => m !== null);
  const epochs = bases.map((base) => EPOCH.exec(base)).filter((m) => m !== null);
  const releases = bases.map((base) => RELEASE.exec(base)).filter((m) => m !== null);
  // The latest release, compared per part (`1.16.11` after `1.2.2`).
  let latestRelease = releases
    .map((m) => [Number(m[1]), Number(m[2]), Number(m[3])] as const)
    .reduce<readonly [number, number, number] | undefined>(
      (latest, r) =>
        !latest || r[0] > latest[0] || (r[0] === latest[0] && (r[1] > latest[1] || (r[1] === latest[1] && r[2] > latest[2]))) ? r : latest,
      undefined,
    );
  let flywayNext = Math.max(0, ...flyway.map((m) => Number(m[1]))) + 1;
  const flywayTaken = new Set(flyway.map((m) => Number(m[1])));
  // The latest stamp, as seconds since the epoch (UTC), so the next one can be formatted.
  const stampSeconds = (m: RegExpExecArray) =>
    Date.UTC(+m[1].slice(0, 4), +m[1].slice(4, 6) - 1, +m[1].slice(6, 8), +m[3].slice(0, 2), +m[3].slice(2, 4), +m[3].slice(4, 6)) / 1000;
  // After the folder's latest stamp (deterministic, and sorts last); the current time in a folder without one.
  let latestStamp = dateTimes.length > 0 ? Math.max(...dateTimes.map(stampSeconds)) : Math.floor(now().getTime() / 1000) - 1;
  const separators = dateTimes[0]
    ? { inner: dateTimes[0][2], millis: dateTimes[0][4] ? '000Z' : '', outer: dateTimes[0][5] }
    : { inner: '', millis: '', outer: '_' };
  let latestEpoch = Math.max(0, ...epochs.map((m) => Number(m[1])));
  const epochMillis = epochs.some((m) => m[1].length === 13) || epochs.length === 0;
  const scheme: 'flyway' | 'date-time' | 'epoch' | 'release' | undefined =
    releases.length > Math.max(flyway.length, dateTimes.length, epochs.length)
      ? 'release'
      : flyway.length >= Math.max(dateTimes.length, epochs.length) && flyway.length > 0
        ? 'flyway'
        : dateTimes.length >= epochs.length && dateTimes.length > 0
          ? 'date-time'
          : epochs.length > 0
            ? 'epoch'
            : undefined;

  const dateTimeName = (description: string, extension: string) => {
    latestStamp++;
    const d = new Date(latestStamp * 1000);
    const two = (n: number) => String(n).padStart(2, '0');
    const date = `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}`;
    const time = `${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
    return `${date}${separators.inner}${time}${separators.millis}${separators.outer}${description}${extension}`;
  };
  const epochName = (description: string, extension: string) => {
    latestEpoch =
      epochs.length > 0 ? latestEpoch + 1 : Math.max(latestEpoch + 1, epochMillis ? now().getTime() : Math.floor(now().getTime() / 1000));
    return `${latestEpoch}-${description}${extension}`;
  };
  const free = (name: string) => {
    if (taken.has(name.toLowerCase())) return undefined;
    taken.add(name.toLowerCase());
    return name;
  };
  const next = (description: string, extension: string): string => {
    for (;;) {
      const sql = extension.toLowerCase() === '.sql';
      const kind = scheme ?? (sql ? 'flyway' : 'date-time');
      let name: string;
      if (kind === 'flyway') {
        while (flywayTaken.has(flywayNext)) flywayNext++;
        flywayTaken.add(flywayNext);
        name = `V${flywayNext}__${description}${extension}`;
      } else if (kind === 'release') {
        const [major, minor, patch] = latestRelease!;
        latestRelease = [major, minor, patch + 1];
        name = `${major}.${minor}.${patch + 1}-${description.replace(/_/g, '-')}${extension}`;
      } else if (kind === 'date-time') name = dateTimeName(description, extension);
      else name = epochName(description, extension);
      const got = free(name);
      if (got) return got;
    }
  };
  return {
    scheme,
    next,
    forExisting(file, description, extension) {
      // eslint-disable-next-line regexp/no-super-linear-backtracking -- a file name: at most 255 bytes
      const own = /^[Vv]?0*(\d+)(?=[_.-])/.exec(path.posix.basename(file));
      if ((scheme ?? 'flyway') === 'flyway' && extension.toLowerCase() === '.sql' && own && !flywayTaken.has(Number(own[1]))) {
        const name = free(`V${Number(own[1])}__${description}${extension}`);
        if (name) {
          flywayTaken.add(Number(own[1]));
          return name;
        }
      }
      return next(description, extension);
    },
  };
}
