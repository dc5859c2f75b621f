// Several CLI runs in one child process (the modules load once): argv lists as JSON in
// argv[2], one { code, stdout, stderr } per run as JSON on stdout. For tests that must be able
// to kill runs that hang, without paying a process start per run.
import { runCli, type CliIo } from '../../src/cli.js';

const runs = JSON.parse(process.argv[2]) as string[][];
const outcomes: Array<{ code: number; stdout: string; stderr: string }> = [];
for (const argv of runs) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false, env: {} };
  const code = await runCli(argv, io);
  outcomes.push({ code, stdout, stderr });
}
process.stdout.write(JSON.stringify(outcomes));
