import { describe, expect, it } from 'vitest';
import type { ConditionMap } from '../../src/model/policy.js';
import { evaluateConditions } from '../../src/policy/condition.js';

const PROD = { resourceTags: { Env: 'prod', team: 'Payments' } };

describe('evaluateConditions with a resource whose tags are known', () => {
  it.each<{ name: string; condition: ConditionMap; expected: string }>([
    {
      name: 'StringEquals on a matching tag',
      condition: { StringEquals: { 'aws:ResourceTag/env': ['prod'] } },
      expected: 'true',
    },
    {
      name: 'StringEquals on another value',
      condition: { StringEquals: { 'aws:ResourceTag/env': ['staging'] } },
      expected: 'false',
    },
    {
      name: 'any of several values',
      condition: { StringEquals: { 'aws:ResourceTag/env': ['staging', 'prod'] } },
      expected: 'true',
    },
    {
      name: 'tag keys compare case-insensitively',
      condition: { StringEquals: { 'aws:ResourceTag/ENV': ['prod'] } },
      expected: 'true',
    },
    {
      name: 'values compare case-sensitively',
      condition: { StringEquals: { 'aws:ResourceTag/team': ['payments'] } },
      expected: 'false',
    },
    {
      name: 'StringEqualsIgnoreCase',
      condition: { StringEqualsIgnoreCase: { 'aws:ResourceTag/team': ['payments'] } },
      expected: 'true',
    },
    {
      name: 'StringLike with a wildcard',
      condition: { StringLike: { 'aws:ResourceTag/env': ['pr*'] } },
      expected: 'true',
    },
    {
      name: 'StringNotEquals',
      condition: { StringNotEquals: { 'aws:ResourceTag/env': ['prod'] } },
      expected: 'false',
    },
    {
      name: 'a missing tag fails a positive operator',
      condition: { StringEquals: { 'aws:ResourceTag/owner': ['x'] } },
      expected: 'false',
    },
    {
      name: 'a missing tag passes IfExists',
      condition: { StringEqualsIfExists: { 'aws:ResourceTag/owner': ['x'] } },
      expected: 'true',
    },
    {
      name: 'a missing tag passes a negated operator',
      condition: { StringNotEquals: { 'aws:ResourceTag/owner': ['x'] } },
      expected: 'true',
    },
    {
      name: 'ec2:ResourceTag is a resource tag too',
      condition: { StringEquals: { 'ec2:ResourceTag/env': ['prod'] } },
      expected: 'true',
    },
    {
      name: 'request keys stay unknown',
      condition: { Bool: { 'aws:MultiFactorAuthPresent': ['true'] } },
      expected: 'unknown',
    },
    {
      name: 'one failing key decides the whole block',
      condition: {
        Bool: { 'aws:MultiFactorAuthPresent': ['true'] },
        StringEquals: { 'aws:ResourceTag/env': ['dev'] },
      },
      expected: 'false',
    },
  ])('$name: $expected', ({ condition, expected }) => {
    expect(evaluateConditions([condition], PROD)).toBe(expected);
  });

  it('stays unknown when the tags are not known', () => {
    expect(evaluateConditions([{ StringEquals: { 'aws:ResourceTag/env': ['prod'] } }], {})).toBe('unknown');
  });
});
