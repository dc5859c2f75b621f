import type { CliIo } from '../../src/cli.js';

/** A CliIo whose streams are captured in `out` and `err`, not a terminal, with an empty environment; `extra` adds to it. */
export function captureIo(extra: Partial<CliIo> = {}): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    isTTY: false,
    env: {},
    ...extra,
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
  };
  return io;
}
