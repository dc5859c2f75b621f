import { HOLE_PREFIX } from '../facts.js';

export { HOLE_PREFIX };

export function holePlaceholder(index: number): string {
  return `${HOLE_PREFIX}${index}__`;
}
