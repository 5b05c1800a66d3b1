import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect } from 'vitest';
import { stringify } from 'yaml';
import {
  expectCleanOutcome,
  FUZZ_RUNS,
  logRun,
  runTimed,
  scratchDir,
  timeoutFor,
  warmUp,
  writeInput,
} from './harness.js';
import { type HostilePolicy, hostilePolicy } from './policies.js';

const PROD = 'fixtures/incidents/prod-env-recreate';
const PLAN = JSON.parse(readFileSync(`${PROD}/plan.json`, 'utf8'));
const CONFIG = readFileSync(`${PROD}/blast-radius.yaml`, 'utf8');

/** The fixture plan with the agent's role holding `policy` inline (as Terraform shows it: JSON text). */
function planWithInlinePolicy(policy: HostilePolicy): string {
  const plan = structuredClone(PLAN);
  const role = plan.resource_changes.find(
    (c: { address: string }) => c.address === 'aws_iam_role.coding_agent',
  );
  role.change.after.inline_policy = [{ name: 'hostile', policy: JSON.stringify(policy.document) ?? 'null' }];
  return JSON.stringify(plan);
}

const briefly = (p: HostilePolicy) =>
  Object.defineProperty({ ...p }, fc.toStringMethod, { value: () => p.what });
const policy = hostilePolicy.map(briefly);

describe('hostile IAM policies', () => {
  const dir = scratchDir();
  beforeAll(warmUp);

  test.prop([policy], { numRuns: FUZZ_RUNS })(
    'an agent role with a hostile inline policy is analysed (a policy AWS would refuse is a diagnostic)',
    async (hostile) => {
      const plan = writeInput(dir, 'plan.json', planWithInlinePolicy(hostile));
      const result = await runTimed([
        'check',
        '--plan',
        plan,
        '--config',
        `${PROD}/blast-radius.yaml`,
        '--format',
        'json',
        '--fail-on',
        'none',
      ]);
      logRun(result, hostile.what);
      expect(expectCleanOutcome(result, plan)).not.toBe(2);
    },
    timeoutFor(FUZZ_RUNS),
  );

  test.prop([policy], { numRuns: FUZZ_RUNS })(
    'a hostile SCP file named in blast-radius.yaml exits 2 naming it, or is analysed',
    async (hostile) => {
      const scp = writeInput(dir, 'scp.json', JSON.stringify(hostile.document) ?? 'null');
      const config = writeInput(
        dir,
        'blast-radius.yaml',
        `${CONFIG}\n${stringify({ organization: { scps: [scp] } })}`,
      );
      const result = await runTimed([
        'check',
        '--plan',
        `${PROD}/plan.json`,
        '--config',
        config,
        '--format',
        'json',
        '--fail-on',
        'none',
      ]);
      logRun(result, hostile.what);
      expectCleanOutcome(result, scp);
    },
    timeoutFor(FUZZ_RUNS),
  );
});
