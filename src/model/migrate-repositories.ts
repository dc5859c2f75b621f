/**
 * sqlalchemy-migrate's repositories (read as text, never run): the schema history of OpenStack services before Alembic
 * (Heat's and Masakari's `<pkg>/db/sqlalchemy/migrate_repo/`, Nova's and Designate's `legacy_migrations/`). A repository
 * is the folder of a `migrate.cfg` whose `[db_settings]` names a `repository_id` (`migrate create` writes it with
 * `manage.py` and `versions/`); its versions are the `versions/<number>_<name>.py` modules beside it (`001_add_hosts.py`,
 * `073_newton.py`, or a UTC timestamp with `use_timestamp_numbering`), each with a `def upgrade(migrate_engine)` that
 * builds `Table('stack', meta, …)` and calls `table.create()`. `migrate upgrade` runs them in their number's order and
 * records the last one in `migrate_version`: a service's migrations, as Alembic's revisions are.
 */
import path from 'node:path';

/** sqlalchemy-migrate's config file, by the name `migrate create` writes. */
export function isMigrateConfig(filePath: string): boolean {
  return path.posix.basename(filePath) === 'migrate.cfg';
}

/** `repository_id=heat` at a line's start: the id the repository records its versions under. */
const REPOSITORY_ID = /^[ \t]*repository_id[ \t]*=[ \t]*([^\s#;]+)/m;

/** The `repository_id` a `migrate.cfg` names; undefined for any other file named so. */
export function migrateRepositoryId(text: string): string | undefined {
  return REPOSITORY_ID.exec(text)?.[1];
}

/** A version module: `<number>_<name>.py` (`__init__.py` and other modules of `versions/` are none). */
const VERSION_MODULE = /^(\d+)_\w+\.py$/;

/** The number of a version module directly in the `versions/` folder of the repository whose config is `config`. */
export function migrateVersionNumber(config: string, filePath: string): string | undefined {
  if (path.posix.dirname(filePath) !== path.posix.join(path.posix.dirname(config), 'versions')) return undefined;
  return VERSION_MODULE.exec(path.posix.basename(filePath))?.[1];
}
