/**
 * Did-you-mean for names the user typed: a mistyped command (`mapp` → `map`), a config entry naming a
 * service that does not exist (`clinical-service` → `clinical`), a rule id (`no-shared-databse`).
 */

/** Optimal string alignment distance: Levenshtein plus a swap of two adjacent letters as one edit (`hlep` → `help`). */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

/** A service name as people vary it: case, separators and a `service` / `svc` suffix do not matter (`Clinical-Service` is `clinical`). */
function serviceStem(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .replace(/(?:service|svc)$/, '');
}

/**
 * The service name `typed` most likely meant, or undefined when none is close: the same stem, else the
 * fewest edits between stems, at most a third of the typed stem (and at least one edit allowed).
 */
export function closestServiceName(typed: string, names: readonly string[]): string | undefined {
  const stem = serviceStem(typed).slice(0, 200);
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(stem, serviceStem(name).slice(0, 200));
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.max(1, Math.floor(stem.length / 3)) ? best.name : undefined;
}

/**
 * The name `typed` most likely meant among `names` (rule ids, commands): case-insensitive, the fewest edits,
 * at most a third of the typed length (and at least one edit allowed); undefined when none is that close.
 */
export function closestName(typed: string, names: Iterable<string>): string | undefined {
  const wanted = typed.toLowerCase().slice(0, 200);
  const allowed = Math.max(1, Math.floor(wanted.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const other = name.toLowerCase().slice(0, 200);
    // At least the difference in length apart: too far to be the answer, so not worth aligning (every config
    // table pattern that matches nothing is compared with every table name of the repository, on every run).
    if (Math.abs(other.length - wanted.length) > allowed) continue;
    const distance = editDistance(wanted, other);
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= allowed ? best.name : undefined;
}

/** `unknown rule 'x' (did you mean 'y'?)`, or with `see --list-rules` when no rule id is close. */
export function unknownRuleText(id: string, ruleIds: Iterable<string>): string {
  const closest = closestName(id, ruleIds);
  return `unknown rule '${id}' (${closest ? `did you mean '${closest}'?` : 'see --list-rules'})`;
}
