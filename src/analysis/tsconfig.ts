/**
 * The module-resolution settings of a tsconfig.json / jsconfig.json: `compilerOptions.baseUrl`,
 * `compilerOptions.paths` and `extends` (a string, or an array since TypeScript 5). The file is
 * JSON with comments and trailing commas, as TypeScript reads it; anything else in it is ignored.
 */
import { JsoncSyntaxError, parseJsonc } from '../config/jsonc.js';
import type { SyntaxProblem, TsconfigFacts } from './facts.js';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseTsconfig(text: string): { tsconfig: TsconfigFacts; problems: SyntaxProblem[] } {
  let json: unknown;
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  try {
    json = parseJsonc(text.slice(bom));
  } catch (error) {
    if (!(error instanceof JsoncSyntaxError)) throw error;
    const at = bom + error.offset;
    return {
      tsconfig: {},
      problems: [
        { message: `not valid JSON, so its path aliases are unknown: ${(error as Error).message}`, fileSpan: { start: at, end: at } },
      ],
    };
  }
  const tsconfig: TsconfigFacts = {};
  if (!isObject(json)) return { tsconfig, problems: [] };
  const extended = typeof json.extends === 'string' ? [json.extends] : Array.isArray(json.extends) ? json.extends : [];
  const strings = extended.filter((e): e is string => typeof e === 'string');
  if (strings.length > 0) tsconfig.extends = strings;
  const options = json.compilerOptions;
  if (!isObject(options)) return { tsconfig, problems: [] };
  if (typeof options.baseUrl === 'string') tsconfig.baseUrl = options.baseUrl;
  if (isObject(options.paths)) {
    const paths: Record<string, string[]> = {};
    for (const [pattern, targets] of Object.entries(options.paths)) {
      if (Array.isArray(targets)) paths[pattern] = targets.filter((t): t is string => typeof t === 'string');
    }
    tsconfig.paths = paths;
  }
  return { tsconfig, problems: [] };
}
