/**
 * Peak-RSS measurement per phase of one process.
 *
 * A worker thread samples `process.memoryUsage().rss` (the whole process's RSS) every few
 * milliseconds into shared memory, so samples keep coming while the main thread is busy in
 * synchronous code. On Linux the kernel's high-water mark (VmHWM) is also reset at each phase
 * start (`/proc/self/clear_refs` ← 5) and read at its end, which catches spikes between samples.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

const SAMPLER = `
const { workerData } = require('node:worker_threads');
const cells = new Float64Array(workerData.buffer);
const flags = new Int32Array(workerData.flags);
const tick = () => {
  const rss = process.memoryUsage.rss();
  if (rss > cells[0]) cells[0] = rss;
  if (Atomics.load(flags, 0) === 1) return;
  setTimeout(tick, workerData.intervalMs);
};
tick();
`;

export interface PhasePeak {
  /** Highest sampled RSS, bytes. */
  sampled: number;
  /** Kernel high-water mark since the phase started, bytes (Linux), else undefined. */
  hwm?: number;
  /** max(sampled, hwm). */
  peak: number;
}

function readHwm(): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function resetHwm(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

export class MemorySampler {
  private readonly cells = new Float64Array(new SharedArrayBuffer(8));
  private readonly flags = new Int32Array(new SharedArrayBuffer(4));
  private readonly worker: Worker;
  private canReset = false;

  constructor(intervalMs = 5) {
    this.worker = new Worker(SAMPLER, { eval: true, workerData: { buffer: this.cells.buffer, flags: this.flags.buffer, intervalMs } });
    this.worker.unref();
  }

  /** Starts a phase: forgets earlier peaks. */
  start(): void {
    this.cells[0] = process.memoryUsage.rss();
    this.canReset = resetHwm();
  }

  /** Peak of the phase started by the last `start()`. */
  stop(): PhasePeak {
    const now = process.memoryUsage.rss();
    const sampled = Math.max(this.cells[0], now);
    const hwm = this.canReset ? readHwm() : undefined;
    return { sampled, hwm, peak: Math.max(sampled, hwm ?? 0) };
  }

  async close(): Promise<void> {
    Atomics.store(this.flags, 0, 1);
    await this.worker.terminate();
  }
}

/** The process's lifetime peak RSS in bytes (`getrusage` maxrss). */
export function lifetimeMaxRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}
