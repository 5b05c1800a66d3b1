import { describe, expect, it } from 'vitest';
import { maskSensitive, SENSITIVE } from '../../../src/ingest/terraform-plan/sensitive.js';
import { buildPlanModel, planToModel } from '../../../src/ingest/terraform-plan/to-model.js';
import {
  ASSUME_EC2,
  configResource,
  constant,
  create,
  FILE,
  plan,
  policyJson,
  refs,
  resourceChange,
} from './plan-builder.js';

const KEY_CANARY = 'AKIACANARY0000000000';
const SECRET_CANARY = 'canary-secret-value';
const CANARY_POLICY = policyJson({
  Sid: SECRET_CANARY,
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: '*',
});

describe('maskSensitive', () => {
  it.each([
    { name: 'a sensitive leaf', value: 'x', marks: true, expected: SENSITIVE },
    { name: 'a sensitive subtree', value: { a: [1, 2] }, marks: true, expected: SENSITIVE },
    { name: 'one key', value: { a: 'x', b: 'y' }, marks: { a: true }, expected: { a: SENSITIVE, b: 'y' } },
    { name: 'one list element', value: ['x', 'y'], marks: [false, true], expected: ['x', SENSITIVE] },
    {
      name: 'nested',
      value: { t: { k: 'v', l: 'w' } },
      marks: { t: { k: true } },
      expected: { t: { k: SENSITIVE, l: 'w' } },
    },
    { name: 'no marks', value: { a: 'x' }, marks: false, expected: { a: 'x' } },
  ])('masks $name', ({ value, marks, expected }) => {
    expect(maskSensitive(value, marks)).toEqual(expected);
  });
});

describe('sensitive values never reach the model', () => {
  // Given canaries in every place a plan can hold a sensitive value
  const raw = plan({
    variables: { root_secret: { value: SECRET_CANARY } },
    rootVariables: { root_secret: { sensitive: true } },
    changes: [
      create('aws_iam_user.ci', { name: 'ci', path: '/' }, { arn: true }),
      create(
        'aws_iam_access_key.k',
        { user: 'ci', status: 'Active', secret: SECRET_CANARY, ses_smtp_password_v4: KEY_CANARY },
        { id: true },
        { afterSensitive: { secret: true, ses_smtp_password_v4: true } },
      ),
      resourceChange('aws_ssm_parameter.token', ['update'], {
        before: { name: 'token', value: KEY_CANARY, tags: { owner: SECRET_CANARY } },
        after: { name: 'token', value: KEY_CANARY, tags: { owner: SECRET_CANARY } },
        beforeSensitive: { value: true, tags: { owner: true } },
        afterSensitive: { value: true, tags: { owner: true } },
      }),
      create(
        'aws_iam_role.agent',
        { name: 'agent', path: '/', assume_role_policy: ASSUME_EC2 },
        { arn: true },
      ),
      create(
        'aws_iam_role_policy.secret',
        { name: 'secret', role: 'agent', policy: CANARY_POLICY },
        {},
        { afterSensitive: { policy: true } },
      ),
      create('module.m.aws_iam_role_policy.from_var', { name: 'from_var', role: 'agent' }, { policy: true }),
      create(
        'aws_iam_role.named_by_secret',
        { path: '/', assume_role_policy: ASSUME_EC2 },
        { arn: true, name: true },
      ),
    ],
    config: [configResource('aws_iam_role.named_by_secret', { name: refs('var.root_secret') })],
    moduleCalls: {
      m: {
        expressions: { policy: constant(CANARY_POLICY) },
        module: {
          resources: [configResource('aws_iam_role_policy.from_var', { policy: refs('var.policy') })],
          variables: { policy: { sensitive: true } },
        },
      },
    },
    priorState: {
      values: {
        outputs: { secret: { sensitive: true, value: SECRET_CANARY } },
        root_module: {
          resources: [
            {
              address: 'data.aws_secretsmanager_secret_version.v',
              mode: 'data',
              type: 'aws_secretsmanager_secret_version',
              name: 'v',
              values: { secret_string: KEY_CANARY },
              sensitive_values: { secret_string: true },
            },
            {
              address: 'aws_db_instance.db',
              mode: 'managed',
              type: 'aws_db_instance',
              name: 'db',
              values: { identifier: 'db', password: SECRET_CANARY },
              sensitive_values: { password: true },
            },
          ],
        },
      },
    },
    plannedValues: {
      outputs: { secret: { sensitive: true, value: SECRET_CANARY } },
      root_module: {
        resources: [
          {
            address: 'aws_secretsmanager_secret_version.planned',
            mode: 'managed',
            type: 'aws_secretsmanager_secret_version',
            name: 'planned',
            values: { secret_string: KEY_CANARY },
            sensitive_values: { secret_string: true },
          },
        ],
      },
    },
  });

  it('contains no canary anywhere', async () => {
    const text = JSON.stringify(await planToModel(raw, FILE));
    expect(text).not.toContain(KEY_CANARY);
    expect(text).not.toContain(SECRET_CANARY);
  });

  it('keeps a sensitive tag as (sensitive)', () => {
    const parameter = buildPlanModel(raw, FILE).before.resources.find((r) => r.type === 'aws_ssm_parameter');
    expect(parameter?.tags).toEqual({ owner: SENSITIVE });
  });

  it('treats a sensitive policy document as unknown, with a diagnostic', () => {
    const model = buildPlanModel(raw, FILE);
    const agent = model.after.principals.find((p) => p.name === 'agent');
    expect(agent?.inlinePolicies).toEqual([]);
    expect(
      model.diagnostics.filter((d) => d.code === 'plan.sensitive-policy').map((d) => d.location.path),
    ).toEqual(['resource_changes[4]', 'resource_changes[5]']);
  });

  it('does not use a sensitive variable as a name', () => {
    const model = buildPlanModel(raw, FILE);
    expect(model.after.principals.map((p) => p.name)).toContain('aws_iam_role.named_by_secret');
  });
});

describe('a sensitive value unknown until apply is not looked up in the configuration', () => {
  const role = create(
    'aws_iam_role.agent',
    { name: 'agent', path: '/', assume_role_policy: ASSUME_EC2 },
    { arn: true },
  );

  it.each([
    {
      name: 'an attribute marked sensitive (its configuration names a variable that is not)',
      change: create(
        'aws_iam_role_policy.p',
        { name: 'p', role: 'agent' },
        { policy: true },
        { afterSensitive: { policy: true } },
      ),
      config: [configResource('aws_iam_role_policy.p', { policy: refs('var.doc') })],
      moduleCalls: {},
    },
    {
      name: 'a module output declared sensitive (the attribute left unmarked)',
      change: create('aws_iam_role_policy.p', { name: 'p', role: 'agent' }, { policy: true }),
      config: [configResource('aws_iam_role_policy.p', { policy: refs('module.m.doc', 'module.m') })],
      moduleCalls: {
        m: {
          expressions: { doc: constant(CANARY_POLICY) },
          module: {
            outputs: { doc: { sensitive: true, expression: refs('var.doc') } },
            variables: { doc: {} },
          },
        },
      },
    },
  ])('$name', ({ change, config, moduleCalls }) => {
    // Given a policy whose value the configuration could give, were it not sensitive
    const raw = plan({
      variables: { doc: { value: CANARY_POLICY } },
      rootVariables: { doc: {} },
      changes: [role, change],
      config,
      moduleCalls,
    });
    // When the plan is read
    const model = buildPlanModel(raw, FILE);
    // Then the policy is unknown, said so, and its text is nowhere in the model
    expect(JSON.stringify(model)).not.toContain(SECRET_CANARY);
    expect(model.after.principals.find((p) => p.name === 'agent')?.inlinePolicies).toEqual([]);
    expect(model.diagnostics.map((d) => d.code)).toContain('plan.sensitive-policy');
  });
});
