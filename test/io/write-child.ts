// Writes a large file with writeFileAtomic, for tests that signal or kill a write half-way.
import { writeFileAtomic } from '../../src/io/write-file-atomic.js';

const [root, file, mebibytes] = process.argv.slice(2);
writeFileAtomic(file, Buffer.alloc(Number(mebibytes) * 1024 * 1024, 0x61), { root });
process.stdout.write('written\n');
// Stays alive a moment, as the CLI would after writing, so a pending signal is delivered.
setTimeout(() => undefined, 3000);
