import { describe, expect, it } from 'vitest';
import { buildPlanModel } from '../../../src/ingest/terraform-plan/to-model.js';
import type { Inventory } from '../../../src/model/inventory.js';
import {
  ACCOUNT,
  ASSUME_EC2,
  configResource,
  create,
  FILE,
  type PlanParts,
  plan,
  refs,
  resourceChange,
} from './plan-builder.js';

const R = `eu-west-1:${ACCOUNT}`;
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const KNOWN = roleArn('service/worker');

function model(parts: PlanParts) {
  return buildPlanModel(plan(parts), FILE);
}

/** Terraform address -> runsAs of every resource that has one. */
function runsAsByAddress(world: Inventory): Record<string, readonly string[]> {
  return Object.fromEntries(
    world.resources.flatMap((r) => (r.runsAs === undefined ? [] : [[r.address ?? r.arn, r.runsAs]])),
  );
}

/** An aws_iam_role the plan creates: name known, ARN unknown until apply. */
const newRole = (name: string, path = '/') =>
  create(`aws_iam_role.${name}`, { name, path, assume_role_policy: ASSUME_EC2 }, { arn: true, id: true });

describe('Resource.runsAs', () => {
  it.each([
    { type: 'aws_lambda_function', after: { function_name: 'fn', role: KNOWN }, runsAs: [KNOWN] },
    { type: 'aws_glue_dev_endpoint', after: { name: 'dev', role_arn: KNOWN }, runsAs: [KNOWN] },
    { type: 'aws_glue_job', after: { name: 'etl', role_arn: KNOWN }, runsAs: [KNOWN] },
    {
      type: 'aws_sagemaker_notebook_instance',
      after: { name: 'Lab', role_arn: KNOWN },
      runsAs: [KNOWN],
    },
    { type: 'aws_codebuild_project', after: { name: 'build', service_role: KNOWN }, runsAs: [KNOWN] },
    {
      type: 'aws_cloudformation_stack',
      after: { name: 'net', iam_role_arn: KNOWN },
      runsAs: [KNOWN],
    },
    {
      type: 'aws_ecs_task_definition',
      after: { family: 'web', task_role_arn: KNOWN, execution_role_arn: roleArn('ecs-exec') },
      runsAs: [KNOWN, roleArn('ecs-exec')],
    },
    {
      type: 'aws_ecs_task_definition (one role for both)',
      after: { family: 'web', task_role_arn: KNOWN, execution_role_arn: KNOWN },
      runsAs: [KNOWN],
    },
    { type: 'aws_sfn_state_machine', after: { name: 'flow', role_arn: KNOWN }, runsAs: [KNOWN] },
    { type: 'aws_iam_instance_profile', after: { name: 'ip', role: 'legacy' }, runsAs: [roleArn('legacy')] },
    { type: 'aws_ecs_task_definition (no roles)', after: { family: 'web' }, runsAs: undefined },
  ])('$type runs as $runsAs', ({ type, after, runsAs }) => {
    const address = `${type.split(' ')[0]}.x`;
    const { after: world } = model({ changes: [create(address, after, { arn: true })] });
    expect(world.resources.find((r) => r.address === address)?.runsAs).toEqual(runsAs);
  });

  it('gives the synthesised ARN of a role the plan creates, through the configuration', () => {
    // Given a role whose ARN is unknown until apply and a function whose role refers to it
    const { after, diagnostics } = model({
      changes: [
        newRole('worker', '/service/'),
        create('aws_lambda_function.fn', { function_name: 'fn' }, { arn: true, role: true }),
      ],
      config: [
        configResource('aws_lambda_function.fn', {
          role: refs('aws_iam_role.worker.arn', 'aws_iam_role.worker'),
        }),
      ],
    });
    // Then the function runs as the ARN the role will have, the same one its principal carries
    expect(runsAsByAddress(after)).toEqual({ 'aws_lambda_function.fn': [KNOWN] });
    expect(after.principals.map((p) => p.arn)).toEqual([KNOWN]);
    expect(diagnostics.filter((d) => d.code === 'plan.unresolved')).toEqual([]);
  });

  it('resolves a role name to the ARN of the plan role of that name, path included', () => {
    const { after } = model({
      changes: [
        newRole('worker', '/service/'),
        create('aws_iam_instance_profile.ip', { name: 'ip', role: 'worker' }, { arn: true }),
      ],
    });
    expect(runsAsByAddress(after)).toEqual({ 'aws_iam_instance_profile.ip': [KNOWN] });
  });

  it('resolves a role name through an aws_iam_role data source', () => {
    const dataArn = roleArn('team/reader');
    const { after } = model({
      changes: [create('aws_iam_instance_profile.ip', { name: 'ip', role: 'reader' }, { arn: true })],
      priorState: {
        values: {
          root_module: {
            resources: [
              {
                address: 'data.aws_iam_role.reader',
                mode: 'data',
                type: 'aws_iam_role',
                name: 'reader',
                values: { name: 'reader', arn: dataArn, path: '/team/' },
              },
            ],
          },
        },
      },
    });
    expect(runsAsByAddress(after)).toEqual({ 'aws_iam_instance_profile.ip': [dataArn] });
  });

  it('follows an instance to its profile to the profile role, in both worlds', () => {
    // Given an instance whose profile already exists and gets a new role from the plan
    const profileArn = `arn:aws:iam::${ACCOUNT}:instance-profile/web`;
    const { before, after } = model({
      changes: [
        newRole('web-new'),
        resourceChange('aws_iam_instance_profile.web', ['update'], {
          before: { name: 'web', arn: profileArn, role: 'web-old' },
          after: { name: 'web', arn: profileArn, role: 'web-new' },
        }),
        resourceChange('aws_instance.web', ['no-op'], {
          before: { id: 'i-0abc', arn: `arn:aws:ec2:${R}:instance/i-0abc`, iam_instance_profile: 'web' },
          after: { id: 'i-0abc', arn: `arn:aws:ec2:${R}:instance/i-0abc`, iam_instance_profile: 'web' },
        }),
      ],
    });
    // Then the instance runs as the old role before the plan and the new one after it
    expect(runsAsByAddress(before)).toEqual({
      'aws_iam_instance_profile.web': [roleArn('web-old')],
      'aws_instance.web': [roleArn('web-old')],
    });
    expect(runsAsByAddress(after)).toEqual({
      'aws_iam_instance_profile.web': [roleArn('web-new')],
      'aws_instance.web': [roleArn('web-new')],
    });
  });

  it('follows an instance and a launch template to a profile and role the plan creates', () => {
    // Given a role and a profile with generated names, known only after apply
    const { after, diagnostics } = model({
      changes: [
        create(
          'aws_iam_role.app',
          { name_prefix: 'app-', path: '/', assume_role_policy: ASSUME_EC2 },
          { arn: true, id: true, name: true },
        ),
        create(
          'aws_iam_instance_profile.app',
          { name_prefix: 'app-' },
          { arn: true, name: true, role: true },
        ),
        create('aws_instance.app', {}, { arn: true, id: true, iam_instance_profile: true }),
        create(
          'aws_launch_template.app',
          { name: 'app', iam_instance_profile: [{ arn: null }] },
          { arn: true, id: true, iam_instance_profile: [{ name: true }] },
        ),
      ],
      config: [
        configResource('aws_iam_instance_profile.app', {
          role: refs('aws_iam_role.app.name', 'aws_iam_role.app'),
        }),
        configResource('aws_instance.app', {
          iam_instance_profile: refs('aws_iam_instance_profile.app.name', 'aws_iam_instance_profile.app'),
        }),
        configResource('aws_launch_template.app', {
          iam_instance_profile: [
            { name: refs('aws_iam_instance_profile.app.name', 'aws_iam_instance_profile.app') },
          ],
        }),
      ],
    });
    // Then all three run as the role's synthesised ARN, the one its principal carries
    const role = roleArn('app-');
    expect(after.principals.map((p) => p.arn)).toEqual([role]);
    expect(runsAsByAddress(after)).toEqual({
      'aws_iam_instance_profile.app': [role],
      'aws_instance.app': [role],
      'aws_launch_template.app': [role],
    });
    expect(diagnostics.filter((d) => d.code === 'plan.unresolved')).toEqual([]);
  });

  it('reads a launch template profile given by ARN', () => {
    const profileArn = `arn:aws:iam::${ACCOUNT}:instance-profile/ops/web`;
    const { after } = model({
      changes: [
        create('aws_iam_instance_profile.web', { name: 'web', path: '/ops/', arn: profileArn, role: KNOWN }),
        create(
          'aws_launch_template.web',
          { name: 'web', iam_instance_profile: [{ arn: profileArn, name: '' }] },
          { arn: true, id: true },
        ),
      ],
    });
    expect(runsAsByAddress(after)['aws_launch_template.web']).toEqual([KNOWN]);
  });

  it('reports a role that cannot be resolved and a profile the plan does not define', () => {
    const { after, diagnostics } = model({
      changes: [
        create('aws_lambda_function.fn', { function_name: 'fn' }, { arn: true, role: true }),
        create('aws_instance.vm', { iam_instance_profile: 'elsewhere' }, { arn: true, id: true }),
      ],
      config: [configResource('aws_lambda_function.fn', { role: refs('var.role_arn') })],
    });
    expect(runsAsByAddress(after)).toEqual({});
    expect(diagnostics.map((d) => [d.code, d.location.path])).toEqual([
      ['plan.unresolved', 'resource_changes[0]'],
      ['plan.instance-profile-not-in-inputs', 'resource_changes[1]'],
    ]);
    expect(diagnostics[0]?.message).toContain('depends on var.role_arn');
  });
});
