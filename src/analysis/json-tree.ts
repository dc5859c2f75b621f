/**
 * Reading the JSON connection files (db-migrate's `database.json`, the Sequelize CLI's
 * `config/config.json`) as jsonc-parser trees: one top-level object of environments, each an object
 * of options, every value located.
 */
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Span } from './facts.js';

export type { JsonNode };

/** The text's top-level object, comments and trailing commas allowed; undefined when the text is not one valid JSON object. */
export function parseJsonObject(text: string): JsonNode | undefined {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return root && errors.length === 0 && root.type === 'object' ? root : undefined;
}

/** An object node's members whose key is a string, in order. */
export function objectMembers(object: JsonNode): Array<{ key: string; keyNode: JsonNode; value: JsonNode }> {
  return (object.children ?? []).flatMap((member) => {
    const [keyNode, value] = member.children ?? [];
    return keyNode && value && typeof keyNode.value === 'string' ? [{ key: keyNode.value, keyNode, value }] : [];
  });
}

/** A node's span; a string's includes its quotes (as code string literals are reported). */
export function jsonSpan(node: JsonNode): Span {
  return { start: node.offset, end: node.offset + node.length };
}
