/**
 * Statement splitter used only to collect the corpus.
 *
 * It is deliberately independent of the linter's splitter (src/analysis/sql/splitter.ts): the corpus
 * measures that splitter, so cutting the corpus with it would hide its mistakes. It follows what the
 * clients that ran these files do: psql for PostgreSQL (quotes, nested comments, dollar quoting,
 * parentheses, BEGIN ATOMIC bodies, backslash meta-commands, COPY … FROM STDIN data, psql variables)
 * and the mysql client for MySQL (quotes, backticks, `#` comments, DELIMITER).
 */

/** The statement without the comments before it (nested block comments in PostgreSQL, `#` lines in MySQL). */
export function stripLeadingComments(s, dialect) {
  let i = 0;
  for (;;) {
    while (i < s.length && /\s/.test(s[i])) i++;
    if (s.startsWith('--', i) || (dialect === 'mysql' && s[i] === '#')) {
      const n = s.indexOf('\n', i);
      i = n < 0 ? s.length : n + 1;
    } else if (s.startsWith('/*', i) && !(dialect === 'mysql' && s.startsWith('/*!', i))) {
      let nest = 0;
      let j = i;
      do {
        if (s.startsWith('/*', j) && (dialect === 'postgresql' || nest === 0)) {
          nest++;
          j += 2;
        } else if (s.startsWith('*/', j)) {
          nest--;
          j += 2;
        } else j++;
      } while (nest > 0 && j < s.length);
      i = j;
    } else return s.slice(i);
  }
}

const META_TERMINATORS = new Set(['g', 'gx', 'gset', 'gexec', 'gdesc', 'crosstabview', 'watch']);

/**
 * @param {string} text
 * @param {'postgresql'|'mysql'} dialect
 * @returns {{text:string,startLine:number,endLine:number,terminator:string,delimiter:string,psqlVars:string[],copyData:string|null}[]}
 */
export function splitSql(text, dialect) {
  const pg = dialect === 'postgresql';
  const out = [];
  let i = 0;
  let line = 1;
  let buf = '';
  let bufStartLine = 0;
  let depth = 0; // parentheses (psql does not end a statement inside them)
  let brackets = 0;
  let atomic = 0; // BEGIN ATOMIC … END nesting in SQL-standard function bodies
  let delimiter = ';';
  const definedVars = new Set();
  let vars = [];
  let skipCopyData = false;

  const push = (terminator) => {
    const body = buf.trim();
    if (body) {
      out.push({
        text: body,
        startLine: bufStartLine,
        endLine: line,
        terminator,
        delimiter,
        psqlVars: vars,
        copyData: null,
      });
      if (pg && /^copy\b[\s\S]*\bfrom\s+stdin\b/i.test(stripLeadingComments(body, dialect))) skipCopyData = true;
    }
    buf = '';
    bufStartLine = 0;
    depth = 0;
    brackets = 0;
    atomic = 0;
    vars = [];
  };
  const add = (s) => {
    if (!buf.trim() && s.trim()) bufStartLine = line;
    buf += s;
    for (const ch of s) if (ch === '\n') line++;
  };
  const lineEnd = (from) => {
    const n = text.indexOf('\n', from);
    return n < 0 ? text.length : n;
  };

  while (i < text.length) {
    if (skipCopyData) {
      // psql sends the lines after COPY … FROM STDIN as data up to a line `\.`; the rest of the
      // statement's line (usually just its newline) comes first.
      const dataStart = text.indexOf('\n', i) + 1 || text.length;
      line += text.slice(i, dataStart).includes('\n') ? 1 : 0;
      i = dataStart;
      let data = '';
      while (i < text.length) {
        const e = lineEnd(i);
        const l = text.slice(i, e);
        i = Math.min(e + 1, text.length);
        line++;
        data += `${l}\n`;
        if (l.trim() === '\\.') break;
      }
      skipCopyData = false;
      out[out.length - 1].copyData = data;
      continue;
    }
    const c = text[i];
    const rest = text.startsWith.bind(text);

    // DELIMITER is a mysql-client command, valid only at the start of a line.
    if (
      !pg &&
      !stripLeadingComments(buf, dialect).trim() &&
      /^delimiter\s/i.test(text.slice(i, i + 10)) &&
      (i === 0 || text[i - 1] === '\n' || /^\s*$/.test(text.slice(text.lastIndexOf('\n', i - 1) + 1, i)))
    ) {
      const e = lineEnd(i);
      delimiter = text.slice(i, e).trim().split(/\s+/)[1] ?? ';';
      buf = '';
      i = e;
      continue;
    }
    if (!pg && delimiter !== ';' && rest(delimiter, i)) {
      i += delimiter.length;
      push(delimiter);
      continue;
    }

    if (c === '-' && text[i + 1] === '-') {
      const e = lineEnd(i);
      add(text.slice(i, e));
      i = e;
      continue;
    }
    if (!pg && c === '#') {
      const e = lineEnd(i);
      add(text.slice(i, e));
      i = e;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      let j = i + 2;
      let nest = 1;
      while (j < text.length && nest > 0) {
        if (pg && text[j] === '/' && text[j + 1] === '*') {
          nest++;
          j += 2;
        } else if (text[j] === '*' && text[j + 1] === '/') {
          nest--;
          j += 2;
        } else j++;
      }
      add(text.slice(i, j));
      i = j;
      continue;
    }
    if (c === "'" || c === '"' || (!pg && c === '`')) {
      const backslash = !pg || (c === "'" && /[eE]$/.test(text.slice(Math.max(0, i - 1), i)) && !/[A-Za-z0-9_]/.test(text[i - 2] ?? ''));
      let j = i + 1;
      while (j < text.length) {
        if (backslash && c !== '`' && text[j] === '\\') {
          j += 2;
          continue;
        }
        if (text[j] === c) {
          if (text[j + 1] === c) {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      add(text.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    if (pg && c === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64));
      if (m && !/[A-Za-z0-9_]/.test(text[i - 1] ?? '')) {
        const close = text.indexOf(m[0], i + m[0].length);
        const j = close < 0 ? text.length : close + m[0].length;
        add(text.slice(i, j));
        i = j;
        continue;
      }
    }
    if (pg && c === ':' && text[i + 1] !== ':' && text[i - 1] !== ':') {
      const m = /^:(?:'([A-Za-z0-9_]+)'|"([A-Za-z0-9_]+)"|([A-Za-z_][A-Za-z0-9_]*))/.exec(text.slice(i, i + 80));
      if (m) {
        const name = m[1] ?? m[2] ?? m[3];
        // Outside brackets (array slices `a[lo:hi]`), `:name` is a psql variable whether or not psql defines it.
        if (m[1] || m[2] || definedVars.has(name) || brackets === 0) vars.push(m[0]);
        add(m[0]);
        i += m[0].length;
        continue;
      }
    }
    if (pg && c === '\\') {
      // psql meta-command: to the end of the line (or the next backslash command on it).
      const e = lineEnd(i);
      const cmd = text.slice(i, e);
      const name = /^\\([A-Za-z_?!.]*)/.exec(cmd)?.[1] ?? '';
      if (name === 'set' || name === 'getenv' || name === 'gset') {
        const args = cmd.trim().split(/\s+/);
        if (name === 'set' && args[1]) definedVars.add(args[1]);
        if (name === 'getenv' && args[1]) definedVars.add(args[1]);
      }
      if (META_TERMINATORS.has(name) && buf.trim()) {
        i = e;
        push('\\' + name);
        continue;
      }
      i = e; // other meta-commands are not SQL
      continue;
    }
    if (c === '[') brackets++;
    if (c === ']') brackets = Math.max(0, brackets - 1);
    if (pg && c === '(') depth++;
    if (pg && c === ')') depth = Math.max(0, depth - 1);
    if (pg && /[A-Za-z_]/.test(c) && !/[A-Za-z0-9_$]/.test(text[i - 1] ?? '')) {
      const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(text.slice(i, i + 64));
      const w = m[0].toUpperCase();
      if (/^create\s+(or\s+replace\s+)?(function|procedure)\b/i.test(stripLeadingComments(buf, dialect))) {
        if (w === 'ATOMIC' && /\bbegin\s*$/i.test(buf)) atomic++;
        else if (atomic > 0 && w === 'CASE') atomic++;
        else if (atomic > 0 && w === 'END') atomic--;
      }
      add(m[0]);
      i += m[0].length;
      continue;
    }
    if (c === ';' && (pg ? depth === 0 && atomic === 0 : delimiter === ';')) {
      i++;
      push(';');
      continue;
    }
    add(c);
    i++;
  }
  push('');
  return out;
}
