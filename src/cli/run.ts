import { CommanderError } from 'commander';
import { exitCodeOf, formatError } from '../errors.js';
import { createRedactingWriter } from '../redact.js';
import type { CliContext } from './context.js';
import { buildProgram } from './program.js';

export interface CliIo {
  readonly version: string;
  readonly today: string;
  readonly colorSupported: boolean;
  /** Both stdin and stdout are a terminal: `report` can be interactive. */
  readonly interactive?: boolean;
  readonly debug: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * Runs the command line and returns the exit code; every error becomes one message on stderr.
 * Whatever reaches stdout and stderr has secret-shaped strings redacted.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<0 | 1 | 2> {
  const stdout = createRedactingWriter(io.stdout);
  const stderr = createRedactingWriter(io.stderr);
  try {
    return await runProgram(argv, io, { stdout: stdout.write, stderr: stderr.write });
  } finally {
    stdout.end();
    stderr.end();
  }
}

async function runProgram(
  argv: readonly string[],
  io: CliIo,
  out: Pick<CliIo, 'stdout' | 'stderr'>,
): Promise<0 | 1 | 2> {
  let exitCode: 0 | 1 | 2 = 0;
  const context: CliContext = {
    version: io.version,
    today: io.today,
    colorSupported: io.colorSupported,
    interactive: io.interactive ?? false,
    stdout: out.stdout,
    stderr: out.stderr,
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  try {
    await buildProgram(context).parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.exitCode === 0
        ? 0
        : 2;
    }
    out.stderr(`${formatError(error, io.debug || argv.includes('--debug'))}\n`);
    return exitCodeOf(error);
  }
}
