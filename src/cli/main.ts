#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { exitCodeOf, formatError } from '../errors.js';
import type { CliContext } from './context.js';
import { buildProgram } from './program.js';

function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  const version: unknown = JSON.parse(text).version;
  return typeof version === 'string' ? version : '0.0.0';
}

async function main(argv: readonly string[]): Promise<number> {
  let exitCode: 0 | 1 | 2 = 0;
  const debug = argv.includes('--debug') || /(^|,)blast-radius(,|$)/.test(process.env.DEBUG ?? '');
  const context: CliContext = {
    version: packageVersion(),
    today: new Date().toISOString().slice(0, 10),
    colorSupported: Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  try {
    await buildProgram(context).parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? 0 : 2;
    }
    process.stderr.write(`${formatError(error, debug)}\n`);
    return exitCodeOf(error);
  }
}

process.exitCode = await main(process.argv.slice(2));
