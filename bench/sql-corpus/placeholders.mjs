/**
 * `?` placeholders (Laravel, sqlx) bound as `$n`, as the drivers do before PostgreSQL sees them: for libpg-query, in the
 * corpus check (collect/verify-pg.mjs) and the measurement (measure.mjs) alike. Quoted text is left as written; a `?`
 * next to an operator character (`?|`, `?&`, `@?`, `#-`) is PostgreSQL's JSON operator, not a placeholder.
 */
export function bindQuestionMarks(sql) {
  let n = 0;
  let out = '';
  let quote = null;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (quote) {
      if (c === quote) quote = null;
      out += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      out += c;
    } else if (c === '?' && !/[?|&@#-]/.test(sql[i + 1] ?? '') && !/[?|&@#-]/.test(sql[i - 1] ?? '')) out += `$${++n}`;
    else out += c;
  }
  return out;
}
