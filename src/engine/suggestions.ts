import { isDeferred, type Fix, type FixSource } from './fix.js';
import type { Diagnostic } from './types.js';

/**
 * Gives each unsuppressed diagnostic its suggestions: the ones its rule offered (deferred ones
 * computed now, in parallel) followed by `extra` (the engine's own, e.g. disable-with-reason).
 * A suggestion whose computation fails is dropped with a note rather than failing the run: the
 * finding itself stands either way.
 */
export async function attachSuggestions(
  diagnostics: readonly Diagnostic[],
  offered: ReadonlyMap<string, FixSource[]>,
  extra: (diagnostic: Diagnostic) => Fix[],
  notices: string[],
): Promise<Diagnostic[]> {
  return Promise.all(
    diagnostics.map(async (diagnostic) => {
      if (diagnostic.suppressed) return diagnostic;
      const resolved = await Promise.all((offered.get(diagnostic.fingerprint) ?? []).map((source) => resolve(source, diagnostic, notices)));
      const suggestions = [...resolved.filter((fix): fix is Fix => fix !== undefined), ...extra(diagnostic)];
      return suggestions.length > 0 ? { ...diagnostic, suggestions } : diagnostic;
    }),
  );
}

async function resolve(source: FixSource, diagnostic: Diagnostic, notices: string[]): Promise<Fix | undefined> {
  if (!isDeferred(source)) return source;
  try {
    const changes = await source.compute();
    if (changes.length === 0) return undefined;
    return { ...(source.messageId ? { messageId: source.messageId } : {}), description: source.description, changes };
  } catch (error) {
    notices.push(
      `Suggestion '${source.description}' for ${diagnostic.ruleId} at ${diagnostic.file}:${diagnostic.line} could not be computed: ${(error as Error).message}`,
    );
    return undefined;
  }
}
