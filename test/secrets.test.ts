import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORMATS, type Format } from '../src/report/index.js';
import { runCli } from './helpers/cli.js';

/** Values the incident plans mark sensitive; they must never reach any output. */
const CANARIES = ['canary-db-password-DO-NOT-LEAK'];

describe('sensitive values never appear in any output', () => {
  it('the fixture really carries the canary, marked sensitive', () => {
    const plan = readFileSync('fixtures/incidents/prod-env-recreate/plan.json', 'utf8');
    for (const canary of CANARIES) expect(plan).toContain(canary);
  });

  it.each(FORMATS as Format[])('%s output', async (format) => {
    const result = await runCli([
      'check',
      '--plan',
      'fixtures/incidents/prod-env-recreate/plan.json',
      '--config',
      'fixtures/incidents/prod-env-recreate/blast-radius.yaml',
      '--format',
      format,
    ]);
    expect(result.stdout.length).toBeGreaterThan(0);
    for (const canary of CANARIES) {
      expect(result.stdout).not.toContain(canary);
      expect(result.stderr).not.toContain(canary);
    }
  });
});
