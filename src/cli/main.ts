#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { run } from './run.js';

function packageVersion(): string {
  const version: unknown = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ).version;
  return typeof version === 'string' ? version : '0.0.0';
}

process.exitCode = await run(process.argv.slice(2), {
  version: packageVersion(),
  today: new Date().toISOString().slice(0, 10),
  colorSupported: Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined,
  debug: /(^|,)blast-radius(,|$)/.test(process.env.DEBUG ?? ''),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
