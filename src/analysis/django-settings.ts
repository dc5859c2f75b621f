/**
 * A Django project's settings module (`<project>/settings.py`, `<project>/settings/<name>.py`), read by tokens, never run:
 *
 *   SECRET_KEY = 'django-insecure-…'
 *   DATABASES = {
 *       'default': {
 *           'ENGINE': 'django.db.backends.postgresql',
 *           'NAME': 'shop',
 *           'HOST': 'db',
 *           'PASSWORD': os.environ['DB_PASSWORD'],
 *       },
 *   }
 *
 * What it tells: each connection's engine (`ENGINE`'s last dotted word: dialect evidence), where it connects (`NAME` on
 * `HOST`), and the literal strings among `PASSWORD` and the top-level `SECRET_KEY` (committed credentials, described,
 * never kept). Anything but a plain string literal — `os.environ[…]`, `os.getenv(…)`, django-environ's `env(…)`, an
 * f-string, `BASE_DIR / 'db.sqlite3'` — is read at run time: no value here. Only top-level assignments count (a setting
 * assigned inside an `if` is one environment's). Linear in the text; never throws.
 */
import type { EnvFileEntry, OrmConfigFacts, Span } from './facts.js';

/** `settings.py`, or a module of a `settings/` package (`settings/base.py`, `settings/production.py`). */
export function isDjangoSettingsFile(path: string): boolean {
  return /(?:^|\/)settings\.py$/.test(path) || /(?:^|\/)settings\/[^/]+\.py$/.test(path);
}

type Token = { t: 'str'; v: string; start: number; end: number } | { t: 'name' | 'op' | 'other'; v: string; start: number; end: number };

/** The options of a connection kept, under the names the other connection files use. */
const KEPT_OPTIONS: Record<string, string> = { NAME: 'database', HOST: 'host', PORT: 'port', PASSWORD: 'password' };

/** Python tokens, enough for settings: strings (any quotes, r/b/u prefixes; f-strings are `other`), names, one-character operators; comments skipped. */
function tokens(text: string): Array<Token & { lineStart: boolean }> {
  const out: Array<Token & { lineStart: boolean }> = [];
  let i = 0;
  let depth = 0;
  // A token at the start of a line outside any bracket: a top-level statement's first.
  const atLineStart = (start: number) => depth === 0 && (start === 0 || text[start - 1] === '\n');
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\\') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const prefix = /^[rRbBuUfF]{0,2}(?=['"])/.exec(text.slice(i, i + 3))?.[0];
    if (prefix !== undefined) {
      const start = i;
      const q = text[i + prefix.length];
      const triple = text.startsWith(q.repeat(3), i + prefix.length);
      const close = triple ? q.repeat(3) : q;
      let j = i + prefix.length + close.length;
      let escaped = false;
      while (j < text.length && !text.startsWith(close, j) && (triple || text[j] !== '\n')) {
        if (text[j] === '\\') {
          escaped = true;
          j += 2;
        } else j++;
      }
      const closed = text.startsWith(close, j);
      const end = Math.min(text.length, j + (closed ? close.length : 0));
      const value = text.slice(i + prefix.length + close.length, j);
      // A value the file holds as written: no escapes, no f-string holes, no bytes.
      const literal = closed && !escaped && !/[fb]/i.test(prefix);
      out.push({
        ...(literal ? { t: 'str' as const, v: value } : { t: 'other' as const, v: '' }),
        start,
        end,
        lineStart: atLineStart(start),
      });
      i = end;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const start = i;
      while (i < text.length && /\w/.test(text[i])) i++;
      out.push({ t: 'name', v: text.slice(start, i), start, end: i, lineStart: atLineStart(start) });
      continue;
    }
    const lineStart = atLineStart(i);
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth = Math.max(0, depth - 1);
    out.push({ t: 'op', v: c, start: i, end: i + 1, lineStart });
    i++;
  }
  return out;
}

/** Where the value starting at `at` ends: the next `,` or closing bracket at its depth. */
function skipValue(toks: Token[], at: number): number {
  let depth = 0;
  let i = at;
  for (; i < toks.length; i++) {
    const v = toks[i].t === 'op' ? toks[i].v : '';
    if ('([{'.includes(v) && v !== '') depth++;
    else if (')]}'.includes(v) && v !== '') {
      if (depth === 0) return i;
      depth--;
    } else if (v === ',' && depth === 0) return i;
  }
  return i;
}

interface DictMember {
  key: Token & { t: 'str' };
  /** A string value, or a dict's members, or nothing read (an expression). */
  value?: Token & { t: 'str' };
  members?: DictMember[];
}

/** The members of the dict literal opening at `at` (`{`), and the index after its `}`. */
function dict(toks: Token[], at: number, level = 0): { members: DictMember[]; next: number } {
  const members: DictMember[] = [];
  let i = at + 1;
  while (i < toks.length && !(toks[i].t === 'op' && toks[i].v === '}')) {
    const key = toks[i];
    if (key.t === 'str' && toks[i + 1]?.t === 'op' && toks[i + 1].v === ':') {
      const valueAt = i + 2;
      const value = toks[valueAt];
      const after = toks[valueAt + 1];
      const alone = after === undefined || (after.t === 'op' && (after.v === ',' || after.v === '}'));
      if (value?.t === 'op' && value.v === '{' && level < 2) {
        const inner = dict(toks, valueAt, level + 1);
        members.push({ key, members: inner.members });
        i = inner.next;
      } else {
        if (value?.t === 'str' && alone) members.push({ key, value });
        else members.push({ key });
        i = skipValue(toks, valueAt);
      }
    } else i = skipValue(toks, i);
    if (toks[i]?.t === 'op' && toks[i].v === ',') i++;
  }
  return { members, next: i + 1 };
}

/** `django.db.backends.postgresql` → `postgresql`; Django's older and GIS backends by their engine. */
function engineWord(engine: string): string {
  const last = engine.slice(engine.lastIndexOf('.') + 1).toLowerCase();
  if (last === 'postgresql_psycopg2' || last === 'postgis') return 'postgresql';
  if (last === 'sqlite3' || last === 'spatialite') return 'sqlite';
  if (last === 'django_cockroachdb') return 'cockroachdb';
  return last;
}

const span = (token: Token): Span => ({ start: token.start, end: token.end });

export function parseDjangoSettings(text: string): OrmConfigFacts | undefined {
  if (!text.includes('DATABASES') && !text.includes('SECRET_KEY')) return undefined;
  const toks = tokens(text);
  const engines: OrmConfigFacts['engines'] = [];
  const connections: NonNullable<OrmConfigFacts['connections']> = [];
  const settings: EnvFileEntry[] = [];
  for (let i = 0; i + 2 < toks.length; i++) {
    const name = toks[i];
    if (
      name.t !== 'name' ||
      !toks[i].lineStart ||
      toks[i + 1].t !== 'op' ||
      toks[i + 1].v !== '=' ||
      (toks[i + 2].t === 'op' && toks[i + 2].v === '=')
    )
      continue;
    const value = toks[i + 2];
    if (name.v === 'SECRET_KEY' && value.t === 'str' && (toks[i + 3] === undefined || toks[i + 3].lineStart)) {
      settings.push({ key: 'SECRET_KEY', value: value.v, keySpan: span(name), valueSpan: span(value) });
    } else if (name.v === 'DATABASES' && value.t === 'op' && value.v === '{') {
      for (const alias of dict(toks, i + 2).members) {
        if (!alias.members) continue;
        const engine = alias.members.find((m) => m.key.v === 'ENGINE' && m.value);
        const type = engine?.value ? engineWord(engine.value.v) : undefined;
        if (engine?.value && type) engines.push({ type, span: span(engine.value), key: 'ENGINE' });
        const entries: EnvFileEntry[] = [];
        for (const member of alias.members) {
          const key = KEPT_OPTIONS[member.key.v];
          // SQLite's NAME is a file, no database of a server.
          if (!key || !member.value || (key === 'database' && type === 'sqlite')) continue;
          entries.push({ key, value: member.value.v, keySpan: span(member.key), valueSpan: span(member.value) });
        }
        if (type || entries.length > 0) connections.push({ name: alias.key.v, ...(type ? { type } : {}), entries });
      }
    }
  }
  if (settings.length > 0) connections.push({ entries: settings });
  if (connections.length === 0 && engines.length === 0) return undefined;
  return { library: 'django', entityGlobs: [], engines, ...(connections.length > 0 ? { connections } : {}) };
}
