/** Placeholders left unfilled after interpolation, e.g. `{{owner}}`. */
const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;

/** Fills `{{name}}` placeholders; a missing key is a rule defect, so it throws. */
export function interpolate(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(PLACEHOLDER, (_, key: string) => {
    if (!(key in data)) throw new Error(`message placeholder '{{${key}}}' has no data in '${template}'`);
    return String(data[key]);
  });
}

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
}
