import type { FileKind } from '../facts.js';

const SCRIPT = /\.(?:[cm]?[jt]sx?)$/i;

export function fileKindOf(path: string): FileKind {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (SCRIPT.test(base) && !base.endsWith('.d.ts')) return 'script';
  if (base.endsWith('.sql')) return 'sql';
  if (base.endsWith('.prisma')) return 'prisma';
  if (/^(?:docker-)?compose(?:[.-][\w-]+)?\.ya?ml$/.test(base)) return 'compose';
  if (base === '.env' || base.startsWith('.env.') || base.startsWith('env.') || base.endsWith('.env') || base === 'env') return 'env';
  return 'other';
}

/** Globs of every file kind the linter reads. */
export const SOURCE_GLOBS = [
  '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  '**/*.sql',
  '**/*.prisma',
  '**/{docker-,}compose*.{yml,yaml}',
  '**/.env',
  '**/.env.*',
  '**/env.*',
  '**/*.env',
];
