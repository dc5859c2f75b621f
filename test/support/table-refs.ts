import type { OrmTableRef } from '../../src/analysis/facts.js';

/**
 * A table reference read from schema code, as `[library ]action table@written[ =>new@written][ <-declaring]`: each span
 * shown by the text it covers, so a test of a reader pins its spans with its names.
 */
export function describeRef(text: string, ref: OrmTableRef, withLibrary = false): string {
  const qualified = ref.qualifier ? `${ref.qualifier}.${ref.name}` : ref.name;
  const renamed = ref.renamedTo ? ` =>${ref.renamedTo.name}@${text.slice(ref.renamedTo.fileSpan.start, ref.renamedTo.fileSpan.end)}` : '';
  const declaring = ref.declaringTable
    ? ` <-${ref.declaringTable.qualifier ? `${ref.declaringTable.qualifier}.` : ''}${ref.declaringTable.name}`
    : '';
  return `${withLibrary ? `${ref.library} ` : ''}${ref.action} ${qualified}@${text.slice(ref.fileSpan.start, ref.fileSpan.end)}${renamed}${declaring}`;
}
