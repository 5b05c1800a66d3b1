import { Command } from 'commander';
import { registerCheck } from './commands/check.js';
import type { CliContext } from './context.js';

export function buildProgram(context: CliContext): Command {
  const program = new Command()
    .name('blast-radius')
    .description('What each AI agent can reach in your AWS estate, beyond what it declared, and what a plan destroys.')
    .version(context.version)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (t) => context.stdout(t), writeErr: (t) => context.stderr(t) });
  registerCheck(program, context);
  for (const command of program.commands) {
    command.exitOverride().configureOutput({ writeOut: (t) => context.stdout(t), writeErr: (t) => context.stderr(t) });
  }
  return program;
}
