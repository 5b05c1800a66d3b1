import { Command } from 'commander';
import { registerAudit } from './commands/audit.js';
import { registerCheck } from './commands/check.js';
import { registerExplain } from './commands/explain.js';
import { registerInit } from './commands/init.js';
import { registerMerge } from './commands/merge.js';
import { registerReport } from './commands/report.js';
import type { CliContext } from './context.js';

export function buildProgram(context: CliContext): Command {
  const program = new Command()
    .name('blast-radius')
    .description(
      'What each AI agent can reach in your AWS estate, beyond what it declared, and what a plan destroys.',
    )
    .version(context.version)
    .exitOverride()
    .configureOutput(outputTo(context));
  registerCheck(program, context);
  registerExplain(program, context);
  registerReport(program, context);
  registerAudit(program, context);
  registerMerge(program, context);
  registerInit(program, context);
  for (const command of program.commands) {
    command.exitOverride().configureOutput(outputTo(context));
  }
  return program;
}

/** Usage errors read like every other error: one line, then where to find help. */
function outputTo(context: CliContext) {
  return {
    writeOut: (text: string) => context.stdout(text),
    writeErr: (text: string) => context.stderr(text),
    outputError: (text: string, write: (text: string) => void) =>
      write(
        `blast-radius: ${text
          .replace(/^error: /, '')
          .trimEnd()
          .replace(/\n/g, ' ')}\nhint: run \`blast-radius --help\` for usage\n`,
      ),
  };
}
