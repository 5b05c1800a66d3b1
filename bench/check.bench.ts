import { bench, describe } from 'vitest';
import { buildAnalysis } from '../src/graph/analysis.js';
import { check } from '../src/pipeline/check.js';
import { runRules } from '../src/rules/engine.js';
import { RULES } from '../src/rules/registry.js';
import { ACCOUNT, agentActingAs, configWith, inventoryOf, principal } from '../test/helpers/inventory.js';
import { testCatalog } from '../test/helpers/policy.js';

const TODAY = '2026-11-20';

/** The whole pipeline (read, model, graph, rules, report) on each bundled Terraform plan. */
describe('check: bundled plans', () => {
  for (const dir of [
    'fixtures/incidents/prod-env-recreate',
    'fixtures/incidents/sensitive-read-widening',
    'fixtures/incidents/mailbox-deletion',
    'fixtures/rules/privilege-escalation/fail',
  ]) {
    bench(dir, async () => {
      await check({
        plan: `${dir}/plan.json`,
        config: `${dir}/blast-radius.yaml`,
        today: TODAY,
        version: 'bench',
      });
    });
  }
});

/**
 * An estate of ROLES roles: each trusts the one before it (chains of assume-role), every tenth is a
 * Lambda service role with s3:* on its bucket, and each holds a policy with reads, writes, PassRole
 * and function creation; AGENTS agents act as the first roles. Graph and rules, without the reading.
 */
function estate(roles: number, agents: number) {
  const arn = (i: number) => `arn:aws:iam::${ACCOUNT}:role/r${i}`;
  const principals = Array.from({ length: roles }, (_, i) =>
    principal('role', `r${i}`, {
      trust:
        i % 10 === 9
          ? {
              Statement: [
                { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
              ],
            }
          : {
              Statement: [
                { Effect: 'Allow', Principal: { AWS: arn(Math.max(0, i - 1)) }, Action: 'sts:AssumeRole' },
              ],
            },
      policies: [
        {
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:Get*', 's3:List*'],
              Resource: [`arn:aws:s3:::data-${i % 50}`, `arn:aws:s3:::data-${i % 50}/*`],
            },
            {
              Effect: 'Allow',
              Action: 'dynamodb:PutItem',
              Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t${i}`,
            },
            { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: arn(i + 1) },
            ...(i % 7 === 0
              ? [
                  { Effect: 'Allow', Action: 'iam:PassRole', Resource: arn(i + 9 - (i % 10)) },
                  {
                    Effect: 'Allow',
                    Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'],
                    Resource: '*',
                  },
                ]
              : []),
            ...(i % 10 === 9 ? [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] : []),
          ],
        },
      ],
    }),
  );
  const config = configWith(Array.from({ length: agents }, (_, i) => agentActingAs(`agent-${i}`, arn(i))));
  return { inventory: inventoryOf(principals), config };
}

describe('graph and rules: synthetic estates', () => {
  const catalog = testCatalog();
  for (const [roles, agents] of [
    [100, 10],
    [500, 20],
  ] as const) {
    const { inventory, config } = estate(roles, agents);
    bench(
      `${roles} roles, ${agents} agents`,
      () => {
        const after = buildAnalysis(catalog, inventory, config);
        runRules(RULES, { catalog, config, after }, config.rules, TODAY);
      },
      { iterations: 3, time: 0, warmupIterations: 1, warmupTime: 0 },
    );
  }
});
