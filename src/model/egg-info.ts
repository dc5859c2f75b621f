/**
 * A Python distribution known only by its `<dist>.egg-info/` folder: what setuptools writes beside the package when it
 * builds or installs one (`PKG-INFO`, `requires.txt`, `top_level.txt`), with no `setup.py` or `pyproject.toml` left —
 * an unpacked sdist committed as is (`django-apps/django-axes/django_axes-5.39.0.egg-info/` beside `axes/`), or a Debian
 * `python3-django-*` package's files (`usr/lib/python3/dist-packages/cas_server/` beside
 * `django_cas_server-2.0.0.egg-info/`). The folder is a Python program as surely as a manifest makes one: its
 * `requires.txt` names its drivers (foreign-drivers.ts), `top_level.txt` the package it ships. Read as text, never run.
 */
import path from 'node:path';
import { readTreeTextIfReadable } from '../io/source-tree.js';
import type { PackageIndex } from './packages.js';

/** `…/<dist>.egg-info/PKG-INFO`: the metadata every egg-info folder holds. */
export const EGG_INFO_METADATA = /(?:^|\/)[^/]+\.egg-info\/PKG-INFO$/;
/** `…/<dist>.egg-info/requires.txt`: the distribution's dependencies, one requirement a line (extras in `[sections]`). */
export const EGG_INFO_REQUIRES = /(?:^|\/)[^/]+\.egg-info\/requires\.txt$/;
/** Folders that hold many installed distributions side by side: each one's package is its own folder there. */
const INSTALL_FOLDER = /^(?:dist|site)-packages$/;
/** A Python package name as `top_level.txt` lists it. */
const PACKAGE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_TOP_LEVEL_BYTES = 4096;

/**
 * The folder of the program an egg-info file (`PKG-INFO`, `requires.txt`) describes: the folder holding its egg-info,
 * or, where that folder is an install location (`dist-packages`, `site-packages`) holding other distributions too, the
 * package `top_level.txt` names there (`dist-packages/cas_server`), when the listing has it. Undefined at the repository
 * root (never a service) and for an install location whose package is not listed.
 */
export function eggInfoRoot(file: string, packages: PackageIndex, listedFolders: ReadonlySet<string>): string | undefined {
  const eggInfo = path.posix.dirname(file);
  const holder = path.posix.dirname(eggInfo);
  if (holder === '.' || holder === '') return undefined;
  if (!INSTALL_FOLDER.test(path.posix.basename(holder))) return holder;
  const top = topLevelPackage(packages, `${eggInfo}/top_level.txt`);
  return top !== undefined && listedFolders.has(`${holder}/${top}`) ? `${holder}/${top}` : undefined;
}

/** The first package `top_level.txt` names; undefined when it is absent, unreadable or names none. */
function topLevelPackage(packages: PackageIndex, file: string): string | undefined {
  if (packages.tree.entry(file) !== 'file') return undefined;
  return readTreeTextIfReadable(packages.tree, file, MAX_TOP_LEVEL_BYTES)
    ?.split(/\r?\n/)
    .map((line) => line.trim())
    .find((line) => PACKAGE_NAME.test(line));
}

/** Every folder some listed file is in (`a/b/c.py` → `a`, `a/b`). */
export function foldersOfListing(listed: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const file of listed) {
    let folder = path.posix.dirname(file);
    while (folder !== '.' && folder !== '' && !out.has(folder)) {
      out.add(folder);
      folder = path.posix.dirname(folder);
    }
  }
  return out;
}
