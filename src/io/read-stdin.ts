/**
 * `--stdin`: the buffer an editor pipes in, read whole but never past `maxBytes` (a runaway
 * producer must not fill the memory). Bytes, not text: the content is decoded as the file it
 * stands for would be (BOM, UTF-16, invalid UTF-8 reported), by the same reader.
 */
export class StdinTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`stdin holds more than ${maxBytes} bytes, the largest file the linter reads`);
  }
}

export async function readStdin(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    size += bytes.length;
    if (size > maxBytes) {
      // Stop reading: the producer sees a closed pipe rather than a linter that buffers forever.
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      throw new StdinTooLargeError(maxBytes);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, size);
}
