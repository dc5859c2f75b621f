/**
 * How a source file's bytes become text, and how `--fix` turns fixed text back into bytes in the
 * same encoding, so that a fix changes the bytes of its edit and nothing else.
 *
 * - A UTF-16 byte-order mark means UTF-16 (LE or BE), as editors and compilers decide.
 * - Otherwise valid UTF-8 is UTF-8, with or without its BOM.
 * - Bytes that are not valid UTF-8 are ISO-8859-1 (latin-1), one character per byte: the MySQL 5.x
 *   default and what legacy schemas and dumps use. Every byte sequence decodes, nothing is replaced
 *   by U+FFFD, and a column is still one byte; latin-1 text encodes back to the very same bytes.
 *   (Windows-1252's € and curly quotes at 0x80–0x9F read as C1 control characters: they occur in
 *   strings and comments, which no rule judges by those characters.)
 */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin1';

export interface FileEncoding {
  encoding: TextEncodingName;
  /** The file starts with a byte-order mark (stripped from the text, written back by `encodeText`). */
  bom: boolean;
}

export interface DecodedText extends FileEncoding {
  text: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeText(buffer: Uint8Array): DecodedText {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le', { ignoreBOM: true }).decode(buffer.subarray(2)), encoding: 'utf-16le', bom: true };
  }
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) {
    return { text: new TextDecoder('utf-16be', { ignoreBOM: true }).decode(buffer.subarray(2)), encoding: 'utf-16be', bom: true };
  }
  const bom = buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  try {
    return { text: utf8.decode(bom ? buffer.subarray(3) : buffer), encoding: 'utf-8', bom };
  } catch {
    return { text: Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength).toString('latin1'), encoding: 'latin1', bom: false };
  }
}

/**
 * `text` in `encoding`, with its BOM when the file had one; undefined when the encoding cannot
 * hold a character of the text (a latin-1 file and a character above U+00FF).
 */
export function encodeText(text: string, { encoding, bom }: FileEncoding): Buffer | undefined {
  switch (encoding) {
    case 'utf-8':
      return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
    case 'utf-16be': {
      const body = Buffer.from(text, 'utf16le');
      if (encoding === 'utf-16be') body.swap16();
      return Buffer.concat([Buffer.from(encoding === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff]), body]);
    }
    case 'latin1':
      // Buffer's latin1 encoder keeps the low byte of a wider character: check first.
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return undefined;
      return Buffer.from(text, 'latin1');
  }
}

/** What to call an encoding in a message. */
export function encodingLabel({ encoding, bom }: FileEncoding): string {
  const name = encoding === 'latin1' ? 'ISO-8859-1 (latin-1)' : encoding.toUpperCase();
  return bom ? `${name} with a byte-order mark` : name;
}
