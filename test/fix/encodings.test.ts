/**
 * `--fix` writes a file back in the encoding it was read in: latin-1 stays latin-1, a UTF-8 BOM
 * and CRLF stay, UTF-16 stays UTF-16 with its BOM — the bytes outside the edit never change. A
 * file whose bytes do not decode exactly is not written, with a warning naming it and saying why.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, makeRepo, paymentMigration, workflowConfig } from '../workflow/helpers.js';
import { decodeText, encodeText } from '../../src/io/text-encoding.js';

const migration = 'services/billing/migrations/V1__clients.sql';
const directive = '-- nilecare-lint-disable-next-line no-cross-service-query -- legacy\n';
const table = "CREATE TABLE clients (id INT PRIMARY KEY, country VARCHAR(40) DEFAULT 'Sénégal') COMMENT='Répertoire';\n";

function repoWith(bytes: Uint8Array): string {
  const root = makeRepo({ ...paymentMigration, [migration]: '' }, { ...workflowConfig, reportUnusedDisableDirectives: 'warn' });
  writeFileSync(path.join(root, migration), bytes);
  return root;
}
const bytesOf = (root: string) => readFileSync(path.join(root, migration));

describe('--fix keeps the encoding of the file it rewrites', () => {
  it('latin-1: the directive line goes, every other byte stays (é is still E9)', async () => {
    const before = Buffer.from(`SET NAMES latin1;\n${directive}${table}`, 'latin1');
    const root = repoWith(before);
    const { stderr } = await cli(root, ['--fix']);
    expect(stderr).toContain('1 fix(es) applied to 1 file(s)');
    expect(bytesOf(root).equals(Buffer.from(`SET NAMES latin1;\n${table}`, 'latin1'))).toBe(true);
    expect(bytesOf(root).includes(Buffer.from([0xef, 0xbf, 0xbd]))).toBe(false);
  });

  it('UTF-8 with a BOM and CRLF: BOM and CRLF kept', async () => {
    const crlf = (text: string) => text.replaceAll('\n', '\r\n');
    const root = repoWith(Buffer.from(`\uFEFF${crlf(`${directive}${table}`)}`, 'utf8'));
    await cli(root, ['--fix']);
    expect(bytesOf(root).equals(Buffer.from(`\uFEFF${crlf(table)}`, 'utf8'))).toBe(true);
  });

  it('UTF-16LE with a BOM stays UTF-16LE with its BOM', async () => {
    const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const root = repoWith(utf16(`${directive}${table}`));
    await cli(root, ['--fix']);
    expect(bytesOf(root).equals(utf16(table))).toBe(true);
  });

  it('a UTF-16 file whose bytes do not decode exactly (an odd last byte) is not written, and a warning says why', async () => {
    const before = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${directive}${table}`, 'utf16le'), Buffer.from([0x41])]);
    const root = repoWith(before);
    const { stderr } = await cli(root, ['--fix']);
    expect(stderr).toContain(
      `nilecare-lint: warning: ${migration}: not fixed: its bytes do not decode exactly as UTF-16LE with a byte-order mark, so writing it back would change bytes the fix does not touch`,
    );
    expect(stderr).not.toContain('applied');
    expect(bytesOf(root).equals(before)).toBe(true);
    const dry = await cli(root, ['--fix-dry-run']);
    expect(dry.stdout).not.toContain(`--- a/${migration}`);
  });
});

describe('decodeText / encodeText', () => {
  it.each([
    ['UTF-8', Buffer.from('café\r\n', 'utf8'), 'café\r\n', 'utf-8', false],
    ['UTF-8 with a BOM', Buffer.from('\uFEFFcafé', 'utf8'), 'café', 'utf-8', true],
    ['latin-1 (not valid UTF-8)', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x81, 0xff]), 'caf\u00e9\u0081\u00ff', 'latin1', false],
    ['UTF-16LE', Buffer.from([0xff, 0xfe, 0x63, 0, 0xe9, 0]), 'cé', 'utf-16le', true],
    ['UTF-16BE', Buffer.from([0xfe, 0xff, 0, 0x63, 0, 0xe9]), 'cé', 'utf-16be', true],
  ])('%s decodes and encodes back to the same bytes', (_name, bytes, text, encoding, bom) => {
    const decoded = decodeText(bytes);
    expect(decoded).toEqual({ text, encoding, bom });
    expect(encodeText(decoded.text, decoded)?.equals(bytes)).toBe(true);
  });

  it('latin-1 cannot hold a character above U+00FF: no bytes, rather than a wrong byte', () => {
    expect(encodeText('€', { encoding: 'latin1', bom: false })).toBeUndefined();
    expect(encodeText('ÿ', { encoding: 'latin1', bom: false })).toEqual(Buffer.from([0xff]));
  });
});
