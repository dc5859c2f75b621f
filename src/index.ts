/**
 * The package's public API (`import { lint } from 'nilecare-lint'`). Everything else under src/ and
 * rules/ is internal and may change in any release; what is exported here follows semver. Kept small on
 * purpose: run a lint, render its result, know the rules, read a config, tell bad input from a crash.
 */

// Running a lint: the same pipeline the CLI runs (config discovery, cache, directives, bulk suppressions).
export { lint, createLinter } from './lint.js';
export type { LintOptions, LintRun, LintTimings, FactsCache, Linter } from './lint.js';
export type { BulkSuppressionRequest, BulkSuppressionReport } from './bulk-suppressions.js';
export type { Diagnostic, LintResult, Severity, SeveritySetting } from './engine/types.js';
export type { Fix, FileChange, FixKind, TextEdit } from './engine/fix.js';

// Where lint() reads files (`tree`): the disk (default), a path → text map, unsaved buffers over the disk, a commit's git objects.
export { memoryTree, overlayTree } from './io/source-tree.js';
export type { SourceTree, TreeListing } from './io/source-tree.js';
export { gitObjectsTree } from './discovery/git-tree.js';

// Rendering a result, in the formats `--format` offers.
export { formatResult, reporterNames, isReporterName } from './reporters/index.js';
export type { ReporterName, ReportOptions } from './reporters/index.js';
export { toolVersion } from './version.js';

// The rules and their metadata (id, docs, category, default severity).
export { ruleRegistry } from '../rules/index.js';
export type { AnyRule, Rule, RuleMeta, RuleCategory } from './engine/types.js';

// Configuration: what a config file holds; loadConfig reads the file in a folder (or a named one) and validates it.
export { loadConfig, validateConfig, ConfigError, CONFIG_FILE_NAMES } from './config/load.js';
export type { LoadedConfig } from './config/load.js';
export type { NilecareConfig, ServiceConfig, RuleEntry } from './config/schema.js';

// What lint() throws for bad input (exit 2 on the command line), as opposed to an internal error.
export { PathPatternError } from './discovery/patterns.js';
export { GitError } from './discovery/git.js';
export { BaselineError } from './engine/baseline.js';
