import { run } from '../../src/cli/run.js';
import { TEST_TODAY } from './rules.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with a fixed day and version, capturing its output. */
export async function runCli(argv: readonly string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    version: '0.0.0-test',
    today: TEST_TODAY,
    colorSupported: false,
    debug: false,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}
