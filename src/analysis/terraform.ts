/**
 * Terraform (`*.tf`, `*.tfvars`): the literal credentials of what deploys the databases, never anything else of
 * the configuration (no database, host or engine: a root module's resources are no service's connection).
 *
 * - in a `resource`, `provider`, `module` or `locals` block (at any depth: `aws_db_instance`'s `password`, `aws_rds_cluster`'s
 *   `master_password`, azurerm's `administrator_login_password`, a module's `db_password` input), an attribute whose
 *   name is a secret's (src/analysis/secrets.ts) set to a string literal;
 * - a `variable "db_password"` (a secret's name) whose `default` is a string literal: the value wherever no tfvars
 *   file or `TF_VAR_db_password` sets it;
 * - in a `.tfvars` file, a top-level assignment of a secret's name to a string literal.
 *
 * A string with an interpolation (`"${var.db_password}"`), a reference (`var.db_password`,
 * `random_password.db.result`, `data.aws_secretsmanager_secret_version.db.secret_string`), a function call, a heredoc
 * and a `data` block are no literal credential. Read line by line with a scanner of strings, comments,
 * heredocs and braces (linear: one pass, `indexOf` for every delimiter), never by Terraform; never throws.
 */
import type { EnvFileEntry, OrmConfigFacts } from './facts.js';
import { isSecretName } from './secrets.js';

/** A `.tf` or `.tfvars` file (`terraform.tfvars`, `prod.auto.tfvars`). */
export function isTerraformFile(path: string): boolean {
  return /\.(?:tf|tfvars)$/i.test(path);
}

/** Blocks whose attributes are the deployed configuration. */
const CONFIGURING = new Set(['resource', 'provider', 'module', 'locals']);
/** Nesting deeper than this is no configuration (and a hostile file must not grow the stack without end). */
const MAX_DEPTH = 32;
/** `name = "literal"` and nothing after it but a comment: the value's quotes at `open` and `close`. */
const ASSIGNMENT = /^[ \t]*([A-Za-z_][\w-]*)[ \t]*=[ \t]*/;
/** A block's header: its type and labels up to its `{` (`resource "aws_db_instance" "orders" {`). */
const HEADER = /^[ \t]*([A-Za-z_][\w-]*)((?:[ \t]+(?:"[^"\n]*"|[A-Za-z_][\w-]*))*)[ \t]*\{/;

interface Block {
  type: string;
  labels: string[];
}

/** The literal credentials of a Terraform file (see the module comment), as a connection per block; undefined when none. */
export function parseTerraform(path: string, text: string): OrmConfigFacts | undefined {
  const tfvars = /\.tfvars$/i.test(path);
  const connections = new Map<string, EnvFileEntry[]>();
  const stack: Block[] = [];
  let heredoc: string | undefined;
  let inComment = false;
  let at = 0;
  while (at <= text.length) {
    const newline = text.indexOf('\n', at);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(at, end).replace(/\r$/, '');
    const lineStart = at;
    at = end + 1;
    if (heredoc !== undefined) {
      if (line.trim() === heredoc) heredoc = undefined;
      continue;
    }
    if (inComment) {
      const close = line.indexOf('*/');
      if (close < 0) continue;
      inComment = false;
      // What follows a block comment on its line is rare in Terraform; its braces are counted below.
      scanBraces(line.slice(close + 2), stack);
      continue;
    }
    const top = stack[0];
    const assignment = ASSIGNMENT.exec(line);
    if (assignment) {
      const key = assignment[1];
      const valueAt = assignment[0].length;
      const literal = stringLiteral(line, valueAt);
      const where = tfvars && stack.length === 0 ? '' : top && CONFIGURING.has(top.type) ? blockName(top) : undefined;
      const variableDefault =
        top?.type === 'variable' && stack.length === 1 && key === 'default' && top.labels[0] !== undefined && isSecretName(top.labels[0]);
      if (literal && (variableDefault || (where !== undefined && isSecretName(key)))) {
        const name = variableDefault ? `variable.${top.labels[0]}` : where!;
        const entry: EnvFileEntry = {
          key: variableDefault ? top.labels[0] : key,
          value: literal.value,
          keySpan: { start: lineStart + line.indexOf(key), end: lineStart + line.indexOf(key) + key.length },
          valueSpan: { start: lineStart + literal.start, end: lineStart + literal.end },
        };
        connections.set(name, [...(connections.get(name) ?? []), entry]);
      }
      const heredocMarker = /^<<-?([A-Za-z_]\w*)[ \t]*$/.exec(line.slice(valueAt));
      if (heredocMarker) {
        heredoc = heredocMarker[1];
        continue;
      }
      inComment = scanBraces(line.slice(valueAt), stack);
      continue;
    }
    const header = HEADER.exec(line);
    if (header && stack.length < MAX_DEPTH) {
      const labels = [...header[2].matchAll(/"([^"\n]*)"|([A-Za-z_][\w-]*)/g)].map((m) => m[1] ?? m[2]);
      stack.push({ type: header[1], labels });
      inComment = scanBraces(line.slice(header[0].length), stack);
      continue;
    }
    inComment = scanBraces(line, stack);
  }
  if (connections.size === 0) return undefined;
  return {
    library: 'terraform',
    entityGlobs: [],
    engines: [],
    connections: [...connections].map(([name, entries]) => ({ ...(name ? { name } : {}), entries })),
  };
}

/** The block's address as Terraform writes it: `aws_db_instance.orders`, `module.orders_db`, `provider.postgresql`, `locals`. */
function blockName(block: Block): string {
  return block.type === 'resource' ? block.labels.slice(0, 2).join('.') : [block.type, ...block.labels.slice(0, 1)].join('.');
}

/**
 * A string literal starting at `from` that is the whole value (only a comment after it) and holds no interpolation:
 * its value (escapes read) and the span of its text without the quotes. Undefined for anything else.
 */
function stringLiteral(line: string, from: number): { value: string; start: number; end: number } | undefined {
  if (line[from] !== '"') return undefined;
  let value = '';
  let p = from + 1;
  for (; p < line.length && line[p] !== '"'; p++) {
    const c = line[p];
    if (c === '\\' && p + 1 < line.length) {
      const next = line[++p];
      value += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next;
      continue;
    }
    // `${…}` and `%{…}` (an interpolation, a template directive); `$${` and `%%{` are the literal characters.
    if ((c === '$' || c === '%') && line[p + 1] === '{') {
      if (line[p - 1] !== c) return undefined;
      value = value.slice(0, -1);
    }
    value += c;
  }
  if (p >= line.length) return undefined;
  const rest = line.slice(p + 1).trim();
  if (rest !== '' && !rest.startsWith('#') && !rest.startsWith('//') && rest !== ',') return undefined;
  return { value, start: from + 1, end: p };
}

/**
 * Counts the braces of a line's code (outside strings and comments) into the block stack: a `{` opens an unnamed
 * block (an object value, a `dynamic` body), a `}` closes the innermost. Returns whether the line ends inside a
 * block comment.
 */
function scanBraces(code: string, stack: Block[]): boolean {
  let inString = false;
  let interpolation = 0;
  for (let p = 0; p < code.length; p++) {
    const c = code[p];
    if (inString) {
      if (c === '\\') p++;
      else if (interpolation > 0 && c === '}') interpolation--;
      else if ((c === '$' || c === '%') && code[p + 1] === '{') {
        interpolation++;
        p++;
      } else if (c === '"' && interpolation === 0) inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '#' || (c === '/' && code[p + 1] === '/')) return false;
    else if (c === '/' && code[p + 1] === '*') {
      const close = code.indexOf('*/', p + 2);
      if (close < 0) return true;
      p = close + 1;
    } else if (c === '{') {
      if (stack.length < MAX_DEPTH) stack.push({ type: '', labels: [] });
    } else if (c === '}') stack.pop();
  }
  return false;
}
