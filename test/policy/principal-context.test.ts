import { describe, expect, it } from 'vitest';
import type { ConditionMap } from '../../src/model/policy.js';
import { evaluateConditions, type Truth } from '../../src/policy/condition.js';
import { principalRequestKeys } from '../../src/policy/principal-context.js';
import { principal } from '../helpers/inventory.js';

const USER = { ...principal('user', 'alice'), tags: { team: 'payments' } };
const ROLE = { ...principal('role', 'deploy-agent'), tags: { team: 'payments' } };

describe('principalRequestKeys decides the conditions on the requesting principal', () => {
  it.each<{ name: string; who: typeof USER; condition: ConditionMap; expected: Truth }>([
    {
      name: 'aws:PrincipalArn of a role',
      who: ROLE,
      condition: { ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::111111111111:role/deploy-*'] } },
      expected: 'true',
    },
    {
      name: 'aws:PrincipalArn that names another role',
      who: ROLE,
      condition: { ArnEquals: { 'aws:PrincipalArn': ['arn:aws:iam::111111111111:role/admin'] } },
      expected: 'false',
    },
    {
      name: 'aws:PrincipalAccount',
      who: USER,
      condition: { StringNotEquals: { 'aws:PrincipalAccount': ['111111111111'] } },
      expected: 'false',
    },
    {
      name: 'aws:PrincipalType of a role session',
      who: ROLE,
      condition: { StringEquals: { 'aws:PrincipalType': ['AssumedRole'] } },
      expected: 'true',
    },
    {
      name: 'a user tag',
      who: USER,
      condition: { StringEquals: { 'aws:PrincipalTag/Team': ['payments'] } },
      expected: 'true',
    },
    {
      name: 'a tag the user lacks is absent',
      who: USER,
      condition: { StringEquals: { 'aws:PrincipalTag/approved-change': ['true'] } },
      expected: 'false',
    },
    {
      name: "a role's tags stay unknown (session tags may add or override them)",
      who: ROLE,
      condition: { StringEquals: { 'aws:PrincipalTag/team': ['payments'] } },
      expected: 'unknown',
    },
    {
      name: 'aws:username of a user',
      who: USER,
      condition: { StringEquals: { 'aws:username': ['alice'] } },
      expected: 'true',
    },
    {
      name: 'a role has no aws:username',
      who: ROLE,
      condition: { Null: { 'aws:username': ['true'] } },
      expected: 'true',
    },
    {
      name: 'request keys stay unknown',
      who: USER,
      condition: { Bool: { 'aws:MultiFactorAuthPresent': ['true'] } },
      expected: 'unknown',
    },
  ])('$name: $expected', ({ who, condition, expected }) => {
    expect(evaluateConditions([condition], { request: principalRequestKeys(who) })).toBe(expected);
  });

  it('leaves aws:PrincipalArn unknown while the ARN is unknown until apply', () => {
    const planned = { ...ROLE, arnKnown: false };
    const condition = { ArnEquals: { 'aws:PrincipalArn': ['arn:aws:iam::111111111111:role/other'] } };
    expect(evaluateConditions([condition], { request: principalRequestKeys(planned) })).toBe('unknown');
  });
});
