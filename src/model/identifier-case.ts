/**
 * Query builders built with a snake_case identifier mapper — Kysely's `CamelCasePlugin`, Objection's
 * `knexSnakeCaseMappers()` for knex — send every identifier through `snakeCase` before it reaches the database:
 * `db.selectFrom('cartLines')` reads `cart_lines`. A service whose code builds one (ScriptFacts.snakeCaseMappers)
 * has its query-builder table names (Kysely, knex, Objection references) mapped the same way before they are
 * resolved; positions stay on the literal as written.
 */
import type { FileFacts, OrmTableRef, SnakeCaseMapper } from '../analysis/facts.js';
import type { Service } from './model.js';

/** The libraries whose table references go through the mapper (a Kysely chain's joins are read as knex's). */
const MAPPED_LIBRARIES: ReadonlySet<string> = new Set(['kysely', 'knex', 'objection']);

export function mappedLibrary(library: string): boolean {
  return MAPPED_LIBRARIES.has(library);
}

/**
 * Kysely's `snakeCase` (src/plugin/camel-case/camel-case.ts), itself Objection's (lib/utils/identifierMapping.js),
 * character for character: an upper-case letter starts a new word unless the previous character is upper case
 * too (`HTTPLogs` → `httplogs`), or always with `underscoreBetweenUppercaseLetters`; with `underscoreBeforeDigits`
 * the first digit of a run starts one (`address2` → `address_2`); `upperCase` upper-cases the result.
 */
export function snakeCase(str: string, options: Omit<SnakeCaseMapper, 'plugin' | 'fileSpan'> = {}): string {
  if (str.length === 0) return str;
  const upper = str.toUpperCase();
  const lower = str.toLowerCase();
  // The libraries index the three strings alike, which assumes case mapping keeps lengths (true of identifiers).
  if (upper.length !== str.length || lower.length !== str.length) return str;
  let out = lower[0];
  for (let i = 1; i < str.length; i++) {
    const char = str[i];
    const prevChar = str[i - 1];
    if (options.underscoreBeforeDigits && isDigit(char) && !isDigit(prevChar)) {
      out += '_' + char;
      continue;
    }
    if (char === upper[i] && upper[i] !== lower[i]) {
      const prevIsUpper = prevChar === upper[i - 1] && upper[i - 1] !== lower[i - 1];
      out += options.underscoreBetweenUppercaseLetters || !prevIsUpper ? '_' + lower[i] : lower[i];
    } else out += char;
  }
  return options.upperCase ? out.toUpperCase() : out;
}

function isDigit(char: string): boolean {
  return char >= '0' && char <= '9';
}

/** Each service's mapper: the first one its files build (in path order). */
export function assignSnakeCaseMappers(
  services: readonly Service[],
  files: readonly FileFacts[],
  serviceOf: (path: string) => Service | undefined,
): void {
  for (const file of files) {
    const mapper = file.script?.snakeCaseMappers?.[0];
    if (!mapper) continue;
    const service = serviceOf(file.path);
    if (service && services.includes(service) && !service.snakeCaseMapper) service.snakeCaseMapper = mapper;
  }
}

const mapped = new WeakMap<readonly OrmTableRef[], { mapper: SnakeCaseMapper; refs: readonly OrmTableRef[] }>();

/** The references as the service's mapper sends them (the same array when it has none or nothing changes). */
export function mapTableRefs(refs: readonly OrmTableRef[], service: Service | undefined): readonly OrmTableRef[] {
  const mapper = service?.snakeCaseMapper;
  if (!mapper || refs.length === 0) return refs;
  const known = mapped.get(refs);
  if (known?.mapper === mapper) return known.refs;
  const out = refs.map((ref) => (MAPPED_LIBRARIES.has(ref.library) ? mapRef(ref, mapper) : ref));
  const result = out.some((ref, i) => ref !== refs[i]) ? out : refs;
  mapped.set(refs, { mapper, refs: result });
  return result;
}

function mapRef(ref: OrmTableRef, mapper: SnakeCaseMapper): OrmTableRef {
  const name = snakeCase(ref.name, mapper);
  const qualifier = ref.qualifier === undefined ? undefined : snakeCase(ref.qualifier, mapper);
  const renamedTo = ref.renamedTo && {
    ...ref.renamedTo,
    name: snakeCase(ref.renamedTo.name, mapper),
    ...(ref.renamedTo.qualifier === undefined ? {} : { qualifier: snakeCase(ref.renamedTo.qualifier, mapper) }),
  };
  const declaringTable = ref.declaringTable && {
    ...ref.declaringTable,
    name: snakeCase(ref.declaringTable.name, mapper),
    ...(ref.declaringTable.qualifier === undefined ? {} : { qualifier: snakeCase(ref.declaringTable.qualifier, mapper) }),
  };
  if (
    name === ref.name &&
    qualifier === ref.qualifier &&
    renamedTo?.name === ref.renamedTo?.name &&
    renamedTo?.qualifier === ref.renamedTo?.qualifier &&
    declaringTable?.name === ref.declaringTable?.name &&
    declaringTable?.qualifier === ref.declaringTable?.qualifier
  )
    return ref;
  return {
    ...ref,
    name,
    ...(qualifier === undefined ? {} : { qualifier }),
    ...(renamedTo ? { renamedTo } : {}),
    ...(declaringTable ? { declaringTable } : {}),
  };
}
