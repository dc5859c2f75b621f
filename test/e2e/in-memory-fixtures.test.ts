/**
 * fixtures/real-patterns (111 files, ~800 KB) linted in memory as on disk: two cold lints of it, ~1 s of CPU, in the
 * e2e project with the other suites over the whole fixture repositories (test/projects.ts). The same comparison on
 * fixtures/sample-monorepo stays in `npm test` (test/workflow/in-memory.test.ts).
 */
import { describeInMemoryAsOnDisk } from '../in-memory-fixture.js';

describeInMemoryAsOnDisk('real-patterns');
