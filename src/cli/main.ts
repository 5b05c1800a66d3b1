#!/usr/bin/env node
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import isInCi from 'is-in-ci';
import { readBundledDataFrom } from '../ingest/bundled-data.js';
import { run } from './run.js';

// `npm run build` writes the compact catalog and managed policies beside the compiled code
// (scripts/write-bundled-data.mjs): a run reads them instead of the 77 MB of the policy package
const data = fileURLToPath(new URL('../data/', import.meta.url));
if (existsSync(`${data}catalog.json`) && existsSync(`${data}aws-managed-policies.json`))
  readBundledDataFrom(data);

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
  // under CI Ink draws nothing until exit, so a terminal there gets the text report too
  interactive: Boolean(process.stdout.isTTY && process.stdin.isTTY) && !isInCi,
  debug: /(^|,)blast-radius(,|$)/.test(process.env.DEBUG ?? ''),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
