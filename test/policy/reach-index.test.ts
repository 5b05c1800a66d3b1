import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/model/inventory.js';
import type { Principal } from '../../src/model/principal.js';
import { ReachIndex } from '../../src/policy/reach-index.js';
import { ACCOUNT, inventoryOf, principal } from '../helpers/inventory.js';
import { policyFrom, testCatalog } from '../helpers/policy.js';

const READ = { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
const MANAGED = `arn:aws:iam::${ACCOUNT}:policy/managed`;
const BUCKET = 'arn:aws:s3:::data';

const reader = principal('role', 'reader', { policies: [READ] });
const attached: Principal = {
  ...principal('role', 'attached', { policies: [READ] }),
  managedPolicyArns: [MANAGED],
};
const member = principal('user', 'member', { groups: ['team'] });
const team = principal('group', 'team', { policies: [READ] });
const managed = { ...policyFrom(READ, 'managed', 'customer-managed'), arn: MANAGED };

function world(principals: readonly Principal[], more: Partial<Inventory> = {}): Inventory {
  return { ...inventoryOf(principals), managedPolicies: [managed], ...more };
}

function indexes(before: Inventory, after: Inventory) {
  const catalog = testCatalog();
  const guardrails: never[] = [];
  const afterIndex = new ReachIndex(catalog, after, guardrails);
  return { after: afterIndex, before: new ReachIndex(catalog, before, guardrails, afterIndex) };
}

describe('ReachIndex over another world', () => {
  it('shares the reach of a principal made of the same objects in both worlds', () => {
    const { before, after } = indexes(
      world([reader, attached, member, team]),
      world([reader, attached, member, team]),
    );
    for (const p of [reader, attached, member]) expect(before.reachOf(p.arn)).toBe(after.reachOf(p.arn));
    expect(before.unboundedReachOf(reader.arn)).toBe(after.unboundedReachOf(reader.arn));
  });

  it.each([
    ['the principal changes', world([{ ...reader }]), reader],
    [
      'a managed policy it attaches changes',
      world([attached], { managedPolicies: [{ ...managed }] }),
      attached,
    ],
    ['its group changes', world([member, { ...team }]), member],
  ])('computes its own reach when %s', (_name, before, subject) => {
    const { before: b, after: a } = indexes(before, world([reader, attached, member, team]));
    expect(b.reachOf(subject.arn)).not.toBe(a.reachOf(subject.arn));
    expect(b.reachOf(subject.arn)).toEqual(a.reachOf(subject.arn));
  });

  it('computes its own reach when a resource policy naming it is in one world only', () => {
    const grant = {
      Statement: [
        { Effect: 'Allow', Principal: { AWS: reader.arn }, Action: 's3:PutObject', Resource: `${BUCKET}/*` },
      ],
    };
    const bucketPolicy = { resourceArn: BUCKET, policy: policyFrom(grant, 'bucket', 'resource') };
    const { before, after } = indexes(
      world([reader, attached]),
      world([reader, attached], { resourcePolicies: [bucketPolicy] }),
    );
    expect(before.reachOf(reader.arn)).not.toEqual(after.reachOf(reader.arn));
    expect(before.reachOf(attached.arn)).toBe(after.reachOf(attached.arn));
  });
});
