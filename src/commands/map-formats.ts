/** The formats of `map`, apart from their renderers so that `map --help` loads no renderer. */
export const mapFormats = ['table', 'markdown', 'mermaid', 'dot', 'json', 'html'] as const;
export type MapFormat = (typeof mapFormats)[number];
export const summaryFormats = ['table', 'markdown', 'json'] as const satisfies readonly MapFormat[];
/** Formats that render the map alone; `html` also needs the findings summary (map-html.ts). */
export type TextMapFormat = Exclude<MapFormat, 'html'>;
