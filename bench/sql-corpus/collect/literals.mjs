/**
 * String literals of PHP, Ruby, Go and Python test files, with their line, so the SQL that a
 * framework's tests assert can be taken verbatim. Literals that interpolate (PHP `$x`, Ruby `#{}`,
 * Python f-strings and `%`/`{}` templates) are returned with `interpolated: true`: their final text
 * is not in the file.
 */

/** @returns {{value:string,line:number,offset:number,interpolated:boolean}[]} */
export function stringLiterals(src, lang) {
  const out = [];
  let i = 0;
  let line = 1;
  const advance = (to) => {
    for (let k = i; k < to; k++) if (src[k] === '\n') line++;
    i = to;
  };
  const lineEnd = (from) => {
    const n = src.indexOf('\n', from);
    return n < 0 ? src.length : n;
  };
  while (i < src.length) {
    const c = src[i];
    const two = src.slice(i, i + 2);
    // comments
    if ((lang === 'php' || lang === 'go') && two === '//') {
      advance(lineEnd(i));
      continue;
    }
    if ((lang === 'php' || lang === 'go') && two === '/*') {
      const e = src.indexOf('*/', i + 2);
      advance(e < 0 ? src.length : e + 2);
      continue;
    }
    if ((lang === 'php' || lang === 'ruby' || lang === 'python') && c === '#' && !(lang === 'ruby' && src[i + 1] === '{')) {
      advance(lineEnd(i));
      continue;
    }
    // heredocs
    if (lang === 'ruby' && two === '<<') {
      const m = /^<<([~-]?)(["']?)([A-Z_][A-Z0-9_]*)\2/.exec(src.slice(i, i + 64));
      if (m) {
        const startLine = line;
        const bodyStart = lineEnd(i) + 1;
        const re = new RegExp(`^[ \\t]*${m[3]}[ \\t]*$`, 'm');
        const tail = src.slice(bodyStart);
        const mm = re.exec(tail);
        const body = mm ? tail.slice(0, mm.index) : tail;
        let value = body;
        if (m[1] === '~') {
          const lines = body.split('\n');
          const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)[0].length));
          value = lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
        }
        out.push({ value, line: startLine + 1, offset: bodyStart, interpolated: m[2] !== "'" && value.includes('#{') });
        // The rest of the opening line still holds code; resume there and skip the body afterwards.
        const restOfLine = src.slice(i + m[0].length, bodyStart);
        const sub = stringLiterals(restOfLine, lang).map((l) => ({ ...l, line: startLine, offset: l.offset + i + m[0].length }));
        out.push(...sub);
        advance(bodyStart + (mm ? mm.index + mm[0].length : tail.length));
        continue;
      }
    }
    if (lang === 'php' && src.startsWith('<<<', i)) {
      const m = /^<<<\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1\r?\n/.exec(src.slice(i, i + 64));
      if (m) {
        const startLine = line;
        const bodyStart = i + m[0].length;
        const re = new RegExp(`^[ \\t]*${m[2]}\\b`, 'm');
        const tail = src.slice(bodyStart);
        const mm = re.exec(tail);
        const body = mm ? tail.slice(0, Math.max(0, mm.index - 1)) : tail;
        const indent = mm ? /^[ \t]*/.exec(mm[0])[0].length : 0;
        const value = body
          .split('\n')
          .map((l) => l.slice(Math.min(indent, /^[ \t]*/.exec(l)[0].length)))
          .join('\n');
        out.push({ value, line: startLine + 1, offset: bodyStart, interpolated: m[1] !== "'" && /\$[A-Za-z_{]/.test(value) });
        advance(bodyStart + (mm ? mm.index + mm[0].length : tail.length));
        continue;
      }
    }
    if (lang === 'python' && (src.startsWith('"""', i) || src.startsWith("'''", i))) {
      const q = src.slice(i, i + 3);
      const prefix = /[A-Za-z]*$/.exec(src.slice(Math.max(0, i - 3), i))[0].toLowerCase();
      const e = src.indexOf(q, i + 3);
      const end = e < 0 ? src.length : e;
      const raw = src.slice(i + 3, end);
      out.push({ value: prefix.includes('r') ? raw : unescapeC(raw), line, offset: i + 3, interpolated: prefix.includes('f') });
      advance(end + 3);
      continue;
    }
    if (lang === 'go' && c === '`') {
      const e = src.indexOf('`', i + 1);
      const end = e < 0 ? src.length : e;
      out.push({ value: src.slice(i + 1, end), line, offset: i + 1, interpolated: false });
      advance(end + 1);
      continue;
    }
    if (c === "'" || c === '"') {
      if (lang === 'go' && c === "'") {
        // rune literal
        const m = /^'(\\.|[^'\\])+'/.exec(src.slice(i, i + 12));
        advance(i + (m ? m[0].length : 1));
        continue;
      }
      let j = i + 1;
      while (j < src.length && src[j] !== c && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      if (src[j] !== c) {
        advance(j);
        continue;
      }
      const raw = src.slice(i + 1, j);
      const prefix = lang === 'python' ? /[A-Za-z]*$/.exec(src.slice(Math.max(0, i - 3), i))[0].toLowerCase() : '';
      let value;
      let interpolated = false;
      if (lang === 'php') {
        value = c === "'" ? raw.replace(/\\([\\'])/g, '$1') : unescapeC(raw);
        interpolated = c === '"' && /(^|[^\\])\$[A-Za-z_{]/.test(raw);
      } else if (lang === 'ruby') {
        value = c === "'" ? raw.replace(/\\([\\'])/g, '$1') : unescapeC(raw);
        interpolated = c === '"' && raw.includes('#{');
      } else if (lang === 'python') {
        value = prefix.includes('r') ? raw : unescapeC(raw);
        interpolated = prefix.includes('f');
      } else {
        value = unescapeC(raw);
      }
      out.push({ value, line, offset: i + 1, interpolated });
      advance(j + 1);
      continue;
    }
    advance(i + 1);
  }
  return out;
}

function unescapeC(raw) {
  return raw.replace(/\\(u\{[0-9a-fA-F]+\}|x[0-9a-fA-F]{2}|[0-7]{1,3}|.)/g, (_, e) => {
    switch (e[0]) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'x':
        return e.length > 1 ? String.fromCharCode(parseInt(e.slice(1), 16)) : e;
      case 'u':
        return e.length > 1 ? String.fromCodePoint(parseInt(e.slice(2, -1), 16)) : e;
      default:
        return /^[0-7]+$/.test(e) ? String.fromCharCode(parseInt(e, 8)) : e;
    }
  });
}

/** Whether a literal reads as one complete SQL statement (not a fragment such as `where id = ?`). */
export function looksLikeStatement(s) {
  return /^\s*(select|insert|update|delete|replace|create|alter|drop|rename|truncate|with|grant|revoke|comment\s+on|set|lock\s+tables?|unlock|call|do|show|explain|analy[sz]e|vacuum|optimize|begin|start\s+transaction|commit|rollback|savepoint|release|prepare|execute|deallocate|copy|refresh|reindex|cluster|listen|notify|values|table)\b/i.test(
    s,
  );
}
