#!/usr/bin/env node
/**
 * How often does nilecare-lint report `parse-error` on valid SQL?
 *
 *   npm run build && node bench/sql-corpus/measure.mjs [--json FILE] [--keep] [--examples N]
 *
 * Runs the built CLI (bin/nilecare-lint.js) as a user would, on a temporary repository holding the
 * corpus as three services: MySQL (mysql/), PostgreSQL (postgresql/) and PostgreSQL psql scripts
 * (postgresql-psql/). It imports nothing from src/: the linter is a black box here. Every rule but
 * `parse-error` is turned off.
 *
 * Each corpus entry (`-- @corpus …` header and its statement) becomes a file of its own, followed by a
 * canary: a statement every parser rejects. A parse-error inside the entry is the linter's verdict on
 * that statement alone, never on a neighbour merged into it; a canary that gets no parse-error means the
 * linter did not read the statement after this one as a statement (an unterminated construct swallowed
 * it or merged it into this one), which a multi-statement file would hide.
 *
 * Then every entry is also handed directly to the parser the linter uses for its dialect, from
 * node_modules (node-sql-parser's MySQL build, libpg-query), so each failure is either
 * "the parser library rejects this valid statement" or "the library accepts it alone, so the linter's
 * own splitting, tokenizing or placeholder handling lost it".
 *
 * Exit 0 with the figures, whatever they are; exit 2 when the measurement itself cannot be trusted
 * (no build, malformed corpus, a corpus file read in the wrong dialect, the CLI crashing).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { statementKind } from './kinds.mjs';
import { bindQuestionMarks } from './placeholders.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const bin = path.join(root, 'bin/nilecare-lint.js');

/** The rules whose findings this measures: the rest are off. */
const MEASURED_RULES = ['parse-error', 'migration-dialect-mismatch'];

const GROUPS = [
  { dir: 'mysql', dialect: 'mysql', service: 'mysql-corpus', label: 'MySQL' },
  { dir: 'postgresql', dialect: 'postgresql', service: 'postgresql-corpus', label: 'PostgreSQL' },
  { dir: 'postgresql-psql', dialect: 'postgresql', service: 'postgresql-psql-corpus', label: 'PostgreSQL psql scripts' },
  // Invalid statements: each must get a parse-error (the price of not warning on valid SQL the parsers cannot read).
  { dir: 'invalid-mysql', dialect: 'mysql', service: 'invalid-mysql-probes', label: 'invalid MySQL', invalid: true },
  { dir: 'invalid-postgresql', dialect: 'postgresql', service: 'invalid-postgresql-probes', label: 'invalid PostgreSQL', invalid: true },
];

class MeasureError extends Error {}

/** Stops the measurement; main() reports it and exits 2 after the temporary repository is handled. */
function fail(message) {
  throw new MeasureError(message);
}

function parseArgs(argv) {
  const opts = { json: null, keep: false, examples: 20 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') opts.json = argv[++i] ?? fail('--json needs a file');
    else if (a === '--keep') opts.keep = true;
    else if (a === '--examples') opts.examples = Number(argv[++i]);
    else if (a === '--help' || a === '-h') {
      console.log('usage: node bench/sql-corpus/measure.mjs [--json FILE] [--keep] [--examples N]');
      process.exit(0);
    } else fail(`unknown argument ${a}`);
  }
  if (!Number.isInteger(opts.examples) || opts.examples < 1) fail('--examples needs a positive integer');
  return opts;
}

/** Corpus entries of one file: the `-- @corpus` header, the statement text, its line range. */
export function parseCorpusFile(text, file) {
  const lines = text.split('\n');
  const entries = [];
  let cur = null;
  const close = (endLine) => {
    if (!cur) return;
    cur.endLine = endLine;
    const body = lines.slice(cur.startLine, endLine).join('\n');
    cur.text = statementText(body);
    cur.raw = lines
      .slice(cur.startLine - 1, endLine)
      .join('\n')
      .trimEnd();
    if (!cur.text) fail(`${file}:${cur.startLine}: empty corpus entry ${cur.id}`);
    entries.push(cur);
  };
  lines.forEach((line, i) => {
    if (!line.startsWith('-- @corpus ')) return;
    close(i);
    const attrs = Object.fromEntries([...line.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
    if (!attrs.id || !attrs.source) fail(`${file}:${i + 1}: corpus header without id= or source=`);
    cur = { file, id: attrs.id, source: attrs.source, at: attrs.at, placeholders: attrs.placeholders, headerLine: i + 1, startLine: i + 1 };
  });
  close(lines.length);
  return entries;
}

/** The canary after each entry: invalid in both dialects, and not one of the linter's known grammar gaps. */
const CANARY = 'SELECT * FROM WHERE nilecare_canary;';

/** The statement as a client would send it: without DELIMITER lines and the terminator. */
function statementText(body) {
  let t = body.trim();
  const delim = /^DELIMITER\s+(\S+)\s*\n/i.exec(t);
  if (delim) {
    t = t
      .slice(delim[0].length)
      .replace(/\n\s*DELIMITER\s+;\s*$/i, '')
      .trim();
    if (t.endsWith(delim[1])) t = t.slice(0, -delim[1].length);
    return t.trim();
  }
  // psql: COPY … FROM STDIN is followed by its data up to `\.`; `\gset`-style meta-commands end a query
  // in place of `;`. Neither is sent to the server as part of the statement.
  if (/^copy\b[\s\S]*\bfrom\s+stdin\b/i.test(t) && /\n\\\.\s*$/.test(t)) {
    // The statement ends on the first line that ends in `;` once FROM STDIN has been read (a `;` may
    // also be quoted inside it, as in `DELIMITER AS ';'`); the data follows.
    const lines = t.split('\n');
    const end = lines.findIndex((l, i) => /\bfrom\s+stdin\b/i.test(lines.slice(0, i + 1).join('\n')) && l.trimEnd().endsWith(';'));
    if (end >= 0)
      return lines
        .slice(0, end + 1)
        .join('\n')
        .trimEnd()
        .replace(/;$/, '')
        .trim();
  }
  return t
    .replace(/\s\\(g|gx|gset|gexec|gdesc|crosstabview|watch)\b[^\n]*$/, '')
    .replace(/;\s*$/, '')
    .trim();
}

/** The construct a parse-error points at, to group failures: the token the message names. */
function constructOf(message) {
  const near = /at or near "((?:[^"\\]|\\.)*)"/.exec(message);
  if (near) return `near ${near[1].length > 30 ? near[1].slice(0, 30) + '…' : near[1].toUpperCase()}`;
  if (/at end of input/.test(message)) return 'at end of input';
  const inner = /\(([^)]*)\)/.exec(message);
  return (inner ? inner[1] : message).split(/\s+/).slice(0, 8).join(' ');
}

function oneLine(s, max = 160) {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Markdown inline code that may itself hold backticks (MySQL identifiers). */
function code(s) {
  return s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``;
}

function pct(n, d) {
  return d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(bin)) fail(`no CLI at ${bin}`);
  if (!fs.existsSync(path.join(root, 'dist'))) fail('dist/ is missing: run `npm run build` first (the bench measures the built CLI)');

  // 1. The corpus.
  const corpus = [];
  for (const g of GROUPS) {
    const dir = path.join(here, g.dir);
    const files = fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((f) => f.endsWith('.sql'))
          .sort()
      : [];
    if (files.length === 0) fail(`no .sql files in ${path.relative(root, dir)}`);
    for (const f of files) {
      for (const e of parseCorpusFile(fs.readFileSync(path.join(dir, f), 'utf8'), `${g.dir}/${f}`))
        corpus.push({ ...e, group: g, kind: statementKind(e.text) });
    }
  }

  // 2. A throwaway repository with the corpus as three services.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nilecare-sqlcorpus-'));
  try {
    const copies = new Map(); // relative path -> entry
    for (const e of corpus) {
      const rel = `services/${e.group.service}/${path.basename(e.file, '.sql')}/${e.id}.sql`;
      if (copies.has(rel)) fail(`two corpus entries with id ${e.id} in ${e.file}`);
      const text = `${e.raw}\n\n-- @canary\n${CANARY}\n`;
      e.canaryLine = e.raw.split('\n').length + 3; // raw lines, a blank line, the canary's comment, the canary
      fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
      fs.writeFileSync(path.join(tmp, rel), text);
      copies.set(rel, e);
    }
    const listed = execFileSync(process.execPath, [bin, '--list-rules'], { encoding: 'utf8' });
    const ruleIds = listed
      .split('\n')
      .slice(1)
      .map((l) => l.split(/\s+/)[0])
      .filter(Boolean);
    if (!ruleIds.includes('parse-error')) fail('the CLI lists no parse-error rule');
    const config = {
      dialect: 'mysql',
      services: GROUPS.map((g) => ({ name: g.service, roots: [`services/${g.service}`], dialect: g.dialect })),
      // migration-dialect-mismatch too: a statement one dialect rejects and the other reads is reported by it, not by parse-error.
      rules: Object.fromEntries(ruleIds.map((id) => [id, MEASURED_RULES.includes(id) ? 'warn' : 'off'])),
    };
    fs.writeFileSync(path.join(tmp, 'nilecare-lint.config.json'), JSON.stringify(config, null, 2));

    // Each file must be read in its service's dialect, or the figures would measure dialect detection.
    // The service folders carry the dialect in their names, which the linter's path hint reads before
    // any syntax; the first file of each corpus file confirms it.
    const sample = [...copies].filter(([, e], i, all) => all[i - 1]?.[1].file !== e.file);
    for (const [rel, e] of sample) {
      const seen = JSON.parse(
        execFileSync(process.execPath, [bin, '--cwd', tmp, '--print-config', path.join(tmp, rel)], { encoding: 'utf8' }),
      );
      if (seen.dialect !== e.group.dialect)
        fail(`${rel} (${e.file}) is read as ${seen.dialect} (${seen.dialectSource}), not ${e.group.dialect}`);
    }

    // 3. The linter, as a user runs it.
    const reportFile = path.join(tmp, 'report.json');
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [bin, '--cwd', tmp, '--format', 'json', '--output', reportFile, '--concurrency', 'off'], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (run.status !== 0 && run.status !== 1)
      fail(`the CLI exited ${run.status}: ${oneLine(run.stderr || run.stdout || String(run.error), 400)}`);
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
    // A file the CLI skipped would look like a clean statement whose next statement went unread.
    if (report.summary?.filesLinted !== copies.size)
      fail(`the CLI linted ${report.summary?.filesLinted} files, the corpus has ${copies.size}`);
    const notParseError = report.results.flatMap((r) => r.messages).filter((m) => !MEASURED_RULES.includes(m.ruleId));
    if (notParseError.length > 0)
      fail(`the CLI reported ${notParseError.length} findings of rules that were off (first: ${notParseError[0].ruleId})`);

    // 4. Each diagnostic to its entry, or to the canary after it.
    const unknownFiles = [];
    for (const r of report.results) {
      const rel = path.relative(tmp, path.resolve(tmp, r.filePath)).split(path.sep).join('/');
      const e = copies.get(rel);
      if (!e) {
        if (r.messages.length > 0) unknownFiles.push(rel);
        continue;
      }
      for (const m of r.messages) {
        if (m.ruleId === 'migration-dialect-mismatch') {
          if (m.line < e.canaryLine) (e.mismatch ??= []).push({ line: m.line, column: m.column, message: m.message });
          continue;
        }
        // Heard cleanly: rejected inside itself (PostgreSQL stops at WHERE, node-sql-parser at the name).
        // Rejected at its SELECT, or not at all, means it was glued to the entry or swallowed.
        if (m.line >= e.canaryLine) e.canaryReported ||= m.line === e.canaryLine && /"(WHERE|nilecare_canary)"/.test(m.message);
        else (e.diagnostics ??= []).push({ line: m.line, column: m.column, message: m.message, construct: constructOf(m.message) });
      }
    }
    if (unknownFiles.length > 0) fail(`diagnostics for files the corpus does not have: ${unknownFiles.slice(0, 3).join(', ')}`);
    // Statements the linter counted as valid SQL its parser cannot read (no warning), from the JSON summary.
    for (const u of report.summary?.unsupportedSql?.locations ?? []) {
      const e = copies.get(path.relative(tmp, path.resolve(tmp, u.file)).split(path.sep).join('/'));
      if (e && u.line < e.canaryLine) e.unsupported ??= u.construct;
    }
    const canariesHeard = corpus.filter((e) => e.canaryReported).length;
    // Not one canary heard means the CLI reported nothing at all: a broken run, not a perfect linter.
    if (canariesHeard === 0) fail('no canary statement got a parse-error: the CLI did not analyse the corpus');

    // 5. The parser libraries on each entry alone.
    const require = createRequire(path.join(root, 'package.json'));
    const { Parser } = require('node-sql-parser/build/mysql');
    const nsp = new Parser();
    const pgq = require('libpg-query');
    await pgq.loadModule();
    for (const e of corpus) {
      if (e.group.dialect === 'mysql') {
        try {
          nsp.parse(e.text, { database: 'MySQL' });
          e.library = 'accepts';
        } catch (err) {
          e.library = 'rejects';
          e.libraryMessage = oneLine(String(err.message), 120);
        }
      } else {
        try {
          pgq.parseSync(e.placeholders === '?' ? bindQuestionMarks(e.text) : e.text);
          e.library = 'accepts';
        } catch (err) {
          e.library = 'rejects';
          e.libraryMessage = oneLine(String(err.message), 120);
        }
      }
    }

    // 6. Figures.
    const load = os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ');
    const result = {
      when: new Date().toISOString(),
      node: process.version,
      loadavg: load,
      wallMs: Math.round(wallMs),
      cliExit: run.status,
      groups: [],
    };
    const lines = [];
    const say = (s = '') => lines.push(s);
    say(`nilecare-lint parse-error rate on the SQL corpus (bench/sql-corpus), ${result.when}`);
    say(`CLI run ${(wallMs / 1000).toFixed(1)} s wall, exit ${run.status}; load average ${load}; node ${process.version}`);
    say();
    say(
      '| corpus | statements | with a parse-error | rate | of those, the parser library alone rejects | library accepts alone (linter-side) | next statement not read | counted as unsupported (no warning) | library rejects, linter reads it anyway (edited constructs, bound variables) | told it is the other dialect (migration-dialect-mismatch) |',
    );
    say('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const g of GROUPS.filter((x) => !x.invalid)) {
      const es = corpus.filter((e) => e.group === g);
      const failed = es.filter((e) => e.diagnostics);
      const libRejects = failed.filter((e) => e.library === 'rejects');
      const swallowed = es.filter((e) => !e.canaryReported);
      const counted = es.filter((e) => !e.diagnostics && e.unsupported);
      const silent = es.filter((e) => !e.diagnostics && !e.unsupported && e.library === 'rejects');
      const mismatched = es.filter((e) => e.mismatch);
      say(
        `| ${g.label} (${g.dir}/) | ${es.length} | ${failed.length} | ${pct(failed.length, es.length)} | ${libRejects.length} | ${failed.length - libRejects.length} | ${swallowed.length} | ${counted.length} | ${silent.length} | ${mismatched.length} |`,
      );
      result.groups.push({
        dir: g.dir,
        statements: es.length,
        failed: failed.length,
        rate: failed.length / es.length,
        libraryRejectsOfFailed: libRejects.length,
        linterSide: failed.length - libRejects.length,
        nextStatementNotRead: swallowed.length,
        countedUnsupported: counted.length,
        libraryRejectsLinterSilent: silent.length,
        dialectMismatch: mismatched.length,
      });
    }
    say();
    say(
      '| invalid probes | statements | reported | rate | of those, as the other dialect (migration-dialect-mismatch) | counted as unsupported (missed) | silent (missed) | next statement not read |',
    );
    say('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const g of GROUPS.filter((x) => x.invalid)) {
      const es = corpus.filter((e) => e.group === g);
      const reported = es.filter((e) => e.diagnostics || e.mismatch);
      const asMismatch = reported.filter((e) => !e.diagnostics);
      const counted = es.filter((e) => !e.diagnostics && !e.mismatch && e.unsupported);
      const silent = es.filter((e) => !e.diagnostics && !e.mismatch && !e.unsupported);
      const swallowed = es.filter((e) => !e.canaryReported);
      say(
        `| ${g.label} (${g.dir}/) | ${es.length} | ${reported.length} | ${pct(reported.length, es.length)} | ${asMismatch.length} | ${counted.length} | ${silent.length} | ${swallowed.length} |`,
      );
      result.groups.push({
        dir: g.dir,
        statements: es.length,
        reported: reported.length,
        asDialectMismatch: asMismatch.length,
        countedUnsupported: counted.length,
        silent: silent.length,
        nextStatementNotRead: swallowed.length,
      });
    }
    say();
    for (const g of GROUPS) {
      const es = corpus.filter((e) => e.group === g);
      if (g.invalid) {
        const missed = es.filter((e) => !e.diagnostics);
        if (missed.length === 0) continue;
        say(`### ${g.label}: probes without a parse-error (${missed.length})`);
        say();
        for (const e of missed)
          say(
            `- ${code(oneLine(e.text, 140))}: ${e.mismatch ? `migration-dialect-mismatch: ${oneLine(e.mismatch[0].message, 100)}` : e.unsupported ? `counted as unsupported (${e.unsupported})` : 'silent'}`,
          );
        say();
        continue;
      }
      const counted = es.filter((e) => !e.diagnostics && e.unsupported);
      if (counted.length === 0) continue;
      say(`### ${g.label}: counted as unsupported, by construct`);
      say();
      say('| construct | statements | example |');
      say('|---|---:|---|');
      const byConstruct = new Map();
      for (const e of counted) byConstruct.set(e.unsupported, [...(byConstruct.get(e.unsupported) ?? []), e]);
      for (const [c, xs] of [...byConstruct].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0])))
        say(`| ${c.replace(/\|/g, '\\|')} | ${xs.length} | ${code(oneLine(xs[0].text, 100)).replace(/\|/g, '\\|')} (${xs[0].file}) |`);
      say();
    }
    for (const g of GROUPS.filter((x) => !x.invalid)) {
      const es = corpus.filter((e) => e.group === g);
      const failed = es.filter((e) => e.diagnostics);
      say(`### ${g.label}: by source`);
      say();
      say('| source | statements | with a parse-error | rate |');
      say('|---|---:|---:|---:|');
      for (const s of [...new Set(es.map((e) => e.source))].sort()) {
        const x = es.filter((e) => e.source === s);
        say(`| ${s} | ${x.length} | ${x.filter((e) => e.diagnostics).length} | ${pct(x.filter((e) => e.diagnostics).length, x.length)} |`);
      }
      say();
      say(`### ${g.label}: by statement kind`);
      say();
      say('| kind | statements | with a parse-error | rate | library rejects |');
      say('|---|---:|---:|---:|---:|');
      const kinds = [...new Set(es.map((e) => e.kind))].sort(
        (a, b) => es.filter((e) => e.kind === b).length - es.filter((e) => e.kind === a).length,
      );
      for (const k of kinds) {
        const x = es.filter((e) => e.kind === k);
        const f = x.filter((e) => e.diagnostics);
        say(`| ${k} | ${x.length} | ${f.length} | ${pct(f.length, x.length)} | ${f.filter((e) => e.library === 'rejects').length} |`);
      }
      say();
      if (failed.length === 0) continue;
      say(`### ${g.label}: top ${opts.examples} failing constructs`);
      say();
      say('| # | kind, construct | statements | library rejects | example |');
      say('|---:|---|---:|---:|---|');
      const groups = new Map();
      for (const e of failed) {
        const key = `${e.kind}, ${e.diagnostics[0].construct}`;
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(e);
      }
      const top = [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0])).slice(0, opts.examples);
      top.forEach(([key, es2], i) => {
        const ex = es2[0];
        say(
          `| ${i + 1} | ${key.replace(/\|/g, '\\|')} | ${es2.length} | ${es2.filter((e) => e.library === 'rejects').length} | ${code(oneLine(ex.text, 140)).replace(/\|/g, '\\|')} (${ex.file}, id ${ex.id}) |`,
        );
      });
      say();
    }
    const swallowed = corpus.filter((e) => !e.canaryReported);
    if (swallowed.length > 0) {
      say(`### Statements after which the linter did not read the next statement on its own (${swallowed.length})`);
      say();
      for (const e of swallowed.slice(0, opts.examples)) say(`- ${code(oneLine(e.text, 140))} (${e.file}, id ${e.id})`);
      say();
    }
    console.log(lines.join('\n'));
    if (opts.json) {
      result.entries = corpus.map((e) => ({
        id: e.id,
        file: e.file,
        line: e.headerLine,
        source: e.source,
        kind: e.kind,
        library: e.library,
        libraryMessage: e.libraryMessage,
        nextStatementRead: Boolean(e.canaryReported),
        unsupported: e.unsupported ?? null,
        diagnostics: e.diagnostics ?? [],
      }));
      fs.writeFileSync(opts.json, JSON.stringify(result, null, 1));
    }
  } finally {
    if (opts.keep) console.error(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`measure: ${e instanceof MeasureError ? e.message : (e?.stack ?? String(e))}`);
    process.exit(2);
  });
}
