/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self and inclusive time per module
 * (a file of src/ or rules/, a package of node_modules, or a V8 pseudo-frame such as the
 * garbage collector) and the hottest functions, optionally within a time window.
 *
 *   node --import tsx bench/profile-summary.ts <file.cpuprofile> [--from µs --to µs] [--top 25]
 *
 * `bench/run.ts --cpu-prof <dir>` profiles the lint child and calls this on the lint window.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Groups a frame's URL into a module: `src/…` and `rules/…` files, `pkg:name` for node_modules. */
function moduleOf(frame: ProfileNode['callFrame']): string {
  const url = frame.url;
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `pkg:${pkg[1]}`;
  const own = /\/((?:src|rules|bench)\/.*)$/.exec(url);
  if (own) return own[1];
  if (url.startsWith('node:')) return 'node:internal';
  return url;
}

export interface ProfileSummary {
  totalMs: number;
  selfByModule: Array<[string, number]>;
  inclusiveByModule: Array<[string, number]>;
  selfByFunction: Array<[string, number]>;
}

export function summariseProfile(file: string, window?: { from: number; to: number }): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  let time = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i] ?? 0;
    if (window && (time < window.from || time > window.to)) continue;
    const delta = profile.timeDeltas[i] ?? 0;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + delta);
    total += delta;
  }
  const selfByModule = new Map<string, number>();
  const inclusiveByModule = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  for (const [id, micros] of self) {
    const node = nodes.get(id)!;
    const mod = moduleOf(node.callFrame);
    selfByModule.set(mod, (selfByModule.get(mod) ?? 0) + micros);
    const fn = `${node.callFrame.functionName || '(anonymous)'}  ${mod}`;
    selfByFunction.set(fn, (selfByFunction.get(fn) ?? 0) + micros);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const m = moduleOf(nodes.get(at)!.callFrame);
      if (seen.has(m)) continue;
      seen.add(m);
      inclusiveByModule.set(m, (inclusiveByModule.get(m) ?? 0) + micros);
    }
  }
  const sorted = (m: Map<string, number>) => [...m].map(([k, v]) => [k, v / 1000] as [string, number]).sort((a, b) => b[1] - a[1]);
  return {
    totalMs: total / 1000,
    selfByModule: sorted(selfByModule),
    inclusiveByModule: sorted(inclusiveByModule),
    selfByFunction: sorted(selfByFunction),
  };
}

export function formatSummary(summary: ProfileSummary, top = 20): string {
  const pct = (ms: number) => `${((100 * ms) / Math.max(1, summary.totalMs)).toFixed(1).padStart(5)}%`;
  const rows = (list: Array<[string, number]>) => list.slice(0, top).map(([k, ms]) => `  ${ms.toFixed(0).padStart(7)} ms ${pct(ms)}  ${k}`);
  return [
    `profiled ${summary.totalMs.toFixed(0)} ms`,
    'inclusive by module (time under any frame of the module):',
    ...rows(summary.inclusiveByModule.filter(([k]) => k !== '(root)')),
    'self by module:',
    ...rows(summary.selfByModule),
    'hottest functions (self):',
    ...rows(summary.selfByFunction),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const value = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : undefined;
  };
  const from = value('--from');
  const to = value('--to');
  const summary = summariseProfile(args[0], from !== undefined && to !== undefined ? { from, to } : undefined);
  console.log(formatSummary(summary, value('--top') ?? 20));
}
