/**
 * Schema code in the languages the linter does not parse as scripts: the files a framework's migration tool or ORM
 * declares its tables in, read by tokens (src/analysis/migrations/, never run). Only where each framework keeps them,
 * not every file of the language: the text of each file read is kept for the run, and a service's other modules
 * declare no table. One glob list (spread into SOURCE_GLOBS) and the same test by name for `isLintableName`
 * (test/discovery/lintable-names.test.ts holds the two equal); a language's reader goes beside the others in
 * src/analysis/migrations/index.ts, and what makes its files migrations in src/model/migrations.ts (`CODE_MIGRATIONS`).
 */
export const SCHEMA_CODE_GLOBS = [
  // Python: Alembic revisions (`alembic/versions/`, Flask-Migrate's `migrations/versions/`), Django's migrations and the
  // modules SQLAlchemy / SQLModel models and tables usually live in (src/analysis/python-schema.ts).
  '**/versions/*.py',
  // Django's migrations (`<app>/migrations/0001_initial.py`, src/analysis/django-migrations.ts).
  '**/migrations/*.py',
  '**/{models,model,tables,entities,orm,schema}.py',
  '**/*_{models,model,tables}.py',
  '**/{models,db,database}/**/*.py',
  // A `model/` package's modules (Mailman's `mailman/model/*.py`); its subpackages (a `migration/`, `tests/`) are not models.
  '**/model/*.py',
  // Rails: Active Record migrations (`db/migrate/`, a second database's `db/<name>_migrate/`) and the schema dump
  // `bin/rails db:schema:dump` writes (`db/schema.rb`, `db/<name>_schema.rb`).
  '**/db/*migrate/*.rb',
  '**/db/*schema.rb',
  // Laravel: `database/migrations/` (and the folders below it a package loads).
  '**/database/migrations/**/*.php',
  // EF Core: `dotnet ef migrations add` writes a `Migrations/` folder (under any project folder, `--output-dir` below it).
  '**/Migrations/**/*.cs',
];

/** SCHEMA_CODE_GLOBS by name: `base` is the file name, `folder` the path before it, ending in `/` (or empty). */
export function isSchemaCodeName(base: string, folder: string): boolean {
  if (base.endsWith('.py')) return isPythonSchemaName(base, folder);
  if (base.endsWith('.rb'))
    return /(?:^|\/)db\/[^/]*migrate\/$/.test(folder) || (base.endsWith('schema.rb') && /(?:^|\/)db\/$/.test(folder));
  if (base.endsWith('.php')) return /(?:^|\/)database\/migrations\//.test(folder);
  if (base.endsWith('.cs')) return /(?:^|\/)Migrations\//.test(folder);
  return false;
}

const PYTHON_SCHEMA_NAMES = new Set(['models.py', 'model.py', 'tables.py', 'entities.py', 'orm.py', 'schema.py']);
function isPythonSchemaName(base: string, folder: string): boolean {
  if (PYTHON_SCHEMA_NAMES.has(base) || base.endsWith('_models.py') || base.endsWith('_model.py') || base.endsWith('_tables.py'))
    return true;
  return /(?:^|\/)(?:versions|migrations|model)\/$/.test(folder) || /(?:^|\/)(?:models|db|database)\//.test(folder);
}
