/**
 * What a run had nothing to check, said in its report: a run that found no service, was given no
 * changed file, drew an empty shard or ran no rule must never read as a clean pass ("✔ No
 * problems"), in a terminal or in CI. Also the services a run has no file of, named as `init`
 * names them.
 */
import type { UncheckedPart } from './engine/types.js';
import type { ProjectModel } from './model/model.js';

/** Why the selection of a run is empty, when it is: the change set, or the shard. */
export function emptySelection(input: {
  /** The files of the change set, when the run lints one (`--staged`, `--changed-since`). */
  changed: readonly string[] | undefined;
  /** What the change set is, for the message (`staged files`). */
  changeSetLabel: string | undefined;
  /** Files selected before the shard was taken. */
  beforeShard: number;
  shard: { index: number; count: number } | undefined;
  selected: number;
}): UncheckedPart | undefined {
  if (input.selected > 0) return undefined;
  const label = input.changeSetLabel ?? 'changed files';
  if (input.changed && input.changed.length === 0) return { kind: 'no-files', message: `No ${label}: nothing was linted.` };
  if (input.changed && input.beforeShard === 0)
    return {
      kind: 'no-files',
      message: `None of the ${input.changed.length} ${label} is a file the linter reads (or each is ignored), nor uses a table they declare: nothing was linted.`,
    };
  if (input.shard && input.beforeShard > 0)
    return {
      kind: 'empty-shard',
      message: `Shard ${input.shard.index}/${input.shard.count} holds none of the ${input.beforeShard} file(s) selected: nothing was linted in this shard (the other shards lint them).`,
    };
  return undefined;
}

/** The cross-service rules' ids: what a run without services cannot check. */
export function noServicesPart(crossServiceRules: readonly string[]): UncheckedPart {
  return {
    kind: 'no-services',
    message: `No services found: the cross-service rules (${crossServiceRules.join(', ')}) had nothing to check. List "services" in the config (\`nilecare-lint init\` proposes them from the folder layout).`,
  };
}

/** A run whose selection is empty for no reason named above: every path named is unread, or every file ignored. */
export function nothingLinted(pathsNamed: boolean): UncheckedPart {
  return {
    kind: 'no-files',
    message: pathsNamed
      ? 'No files to lint: none of the paths given is a file the linter reads, or each is ignored: nothing was checked.'
      : 'No files to lint: no source file matched, or every one was ignored (check `ignores`, `--ignore-pattern` and .gitignore).',
  };
}

export const NO_RULES_PART: UncheckedPart = {
  kind: 'no-rules',
  message: 'Every rule is off (config, --rule, or --quiet with only warning rules on): nothing was checked.',
};

/**
 * A warning per service with no file the linter reads under its roots (a moved folder, a typo in
 * the config, a package whose code is elsewhere): nothing of it was checked, and a run naming it
 * must say so, as `init` does.
 */
export function serviceCoverageWarnings(
  model: ProjectModel,
  serviceOf: (file: string) => string | undefined,
  /** Services already warned about another way (a configured root matching no folder). */
  skip: ReadonlySet<string> = new Set(),
): string[] {
  const files = new Map<string, number>();
  for (const file of model.files) {
    const name = serviceOf(file.path);
    if (name !== undefined) files.set(name, (files.get(name) ?? 0) + 1);
  }
  return model.services
    .filter((service) => (files.get(service.name) ?? 0) === 0 && !skip.has(service.name))
    .map(
      (service) => `service '${service.name}' has no files the linter reads under ${service.roots.join(', ')}: nothing of it was checked.`,
    );
}
