import { describe, expect, it } from 'vitest';
import type { ConditionMap } from '../../src/model/policy.js';
import {
  evaluateConditions,
  type KnownContext,
  requestKeys,
  type Truth,
} from '../../src/policy/condition.js';

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

/** A whole request context: every key not given is absent. */
const REQUEST: KnownContext = {
  request: requestKeys(
    {
      'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/deploy-agent',
      'aws:PrincipalTag/team': 'payments',
      'aws:username': 'alice',
      'aws:SourceIp': '10.0.0.5',
      'aws:CurrentTime': '2026-06-30T12:00:00Z',
      'aws:EpochTime': '1782820800',
      'aws:MultiFactorAuthPresent': 'true',
      'aws:MultiFactorAuthAge': '300',
      'aws:TagKeys': ['env', 'team'],
      'aws:CalledVia': [],
    },
    { complete: true },
  ),
};

describe('evaluateConditions with a whole request context', () => {
  it.each<{ name: string; condition: ConditionMap; expected: Truth }>([
    {
      name: 'StringEquals',
      condition: { StringEquals: { 'aws:PrincipalTag/team': ['payments'] } },
      expected: 'true',
    },
    {
      name: 'keys compare case-insensitively',
      condition: { StringEquals: { 'AWS:principaltag/TEAM': ['payments'] } },
      expected: 'true',
    },
    {
      name: 'StringNotEqualsIgnoreCase',
      condition: { StringNotEqualsIgnoreCase: { 'aws:PrincipalTag/team': ['PAYMENTS'] } },
      expected: 'false',
    },
    { name: 'StringLike with ?', condition: { StringLike: { 'aws:username': ['al?ce'] } }, expected: 'true' },
    {
      name: 'StringEquals takes * literally',
      condition: { StringEquals: { 'aws:username': ['al*'] } },
      expected: 'false',
    },
    {
      name: 'StringNotLike on a missing key holds',
      condition: { StringNotLike: { 'aws:PrincipalTag/env': ['prod*'] } },
      expected: 'true',
    },
    {
      name: 'StringEquals on a missing key fails',
      condition: { StringEquals: { 'aws:PrincipalTag/env': ['prod'] } },
      expected: 'false',
    },
    {
      name: 'IfExists on a missing key holds',
      condition: { StringEqualsIfExists: { 'aws:PrincipalTag/env': ['prod'] } },
      expected: 'true',
    },
    {
      name: 'IfExists on a present key tests it',
      condition: { StringEqualsIfExists: { 'aws:PrincipalTag/team': ['ops'] } },
      expected: 'false',
    },
    {
      name: 'Null true on a missing key',
      condition: { Null: { 'aws:PrincipalTag/env': ['true'] } },
      expected: 'true',
    },
    {
      name: 'Null false on a present key',
      condition: { Null: { 'aws:username': ['false'] } },
      expected: 'true',
    },
    {
      name: 'NumericLessThan',
      condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': ['3600'] } },
      expected: 'true',
    },
    {
      name: 'NumericNotEquals',
      condition: { NumericNotEquals: { 'aws:MultiFactorAuthAge': ['300'] } },
      expected: 'false',
    },
    {
      name: 'NumericEquals with a non-number fails',
      condition: { NumericEquals: { 'aws:MultiFactorAuthAge': ['abc'] } },
      expected: 'false',
    },
    {
      name: 'NumericNotEquals with a non-number fails too',
      condition: { NumericNotEquals: { 'aws:MultiFactorAuthAge': ['abc'] } },
      expected: 'false',
    },
    {
      name: 'DateGreaterThan, ISO',
      condition: { DateGreaterThan: { 'aws:CurrentTime': ['2026-01-01T00:00:00Z'] } },
      expected: 'true',
    },
    {
      name: 'DateLessThan, epoch seconds against ISO',
      condition: { DateLessThan: { 'aws:CurrentTime': ['1767225600'] } },
      expected: 'false',
    },
    {
      name: 'DateEquals, ISO against epoch seconds',
      condition: { DateEquals: { 'aws:EpochTime': ['2026-06-30T12:00:00Z'] } },
      expected: 'true',
    },
    {
      name: 'Bool, case-insensitive',
      condition: { Bool: { 'aws:MultiFactorAuthPresent': ['TRUE'] } },
      expected: 'true',
    },
    {
      name: 'Bool on a missing key fails',
      condition: { Bool: { 'aws:SecureTransport': ['true'] } },
      expected: 'false',
    },
    {
      name: 'BinaryEquals compares the text',
      condition: { BinaryEquals: { 'aws:username': ['alice'] } },
      expected: 'true',
    },
    {
      name: 'IpAddress in a /24',
      condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/24'] } },
      expected: 'true',
    },
    {
      name: 'IpAddress in 0.0.0.0/0',
      condition: { IpAddress: { 'aws:SourceIp': ['0.0.0.0/0'] } },
      expected: 'true',
    },
    {
      name: 'IpAddress, a bare address is a /32',
      condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.5'] } },
      expected: 'true',
    },
    {
      name: 'IpAddress, IPv6 block against IPv4',
      condition: { IpAddress: { 'aws:SourceIp': ['::/0'] } },
      expected: 'false',
    },
    {
      name: 'NotIpAddress outside every block',
      condition: { NotIpAddress: { 'aws:SourceIp': ['192.168.0.0/16', '2001:db8::/32'] } },
      expected: 'true',
    },
    {
      name: 'NotIpAddress with a malformed block fails',
      condition: { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/33'] } },
      expected: 'false',
    },
    {
      name: 'NotIpAddress on a missing key holds',
      condition: { NotIpAddress: { 'aws:VpcSourceIp': ['10.0.0.0/8'] } },
      expected: 'true',
    },
    {
      name: 'ArnLike with a wildcard name',
      condition: { ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/deploy-*'] } },
      expected: 'true',
    },
    {
      name: 'ArnEquals takes wildcards as ArnLike does',
      condition: { ArnEquals: { 'aws:PrincipalArn': ['arn:aws:iam::111111111111:role/*'] } },
      expected: 'true',
    },
    {
      name: 'ArnLike is case-sensitive',
      condition: { ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::111111111111:role/Deploy-agent'] } },
      expected: 'false',
    },
    {
      name: 'ArnNotLike',
      condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::111111111111:user/*'] } },
      expected: 'true',
    },
    {
      name: 'ArnLike, a wildcard stays in its field',
      condition: { ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::111111111111*'] } },
      expected: 'false',
    },
    {
      name: 'ForAnyValue: one value matches',
      condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env', 'owner'] } },
      expected: 'true',
    },
    {
      name: 'ForAllValues: every value must match',
      condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } },
      expected: 'false',
    },
    {
      name: 'ForAllValues: a subset holds',
      condition: { 'ForAllValues:StringLike': { 'aws:TagKeys': ['env', 't*'] } },
      expected: 'true',
    },
    {
      name: 'ForAllValues on an empty list holds',
      condition: { 'ForAllValues:StringEquals': { 'aws:CalledVia': ['x'] } },
      expected: 'true',
    },
    {
      name: 'ForAnyValue on an empty list fails',
      condition: { 'ForAnyValue:StringEquals': { 'aws:CalledVia': ['x'] } },
      expected: 'false',
    },
    {
      name: 'ForAllValues on a missing key holds',
      condition: { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgPaths': ['x'] } },
      expected: 'true',
    },
    {
      name: 'ForAnyValue on a missing key fails',
      condition: { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgPaths': ['x'] } },
      expected: 'false',
    },
    {
      name: 'ForAnyValue…IfExists on a missing key holds',
      condition: { 'ForAnyValue:StringEqualsIfExists': { 'aws:PrincipalOrgPaths': ['x'] } },
      expected: 'true',
    },
    {
      name: 'ForAllValues:StringNotEquals: no value is excluded',
      condition: { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['owner'] } },
      expected: 'true',
    },
    {
      name: 'a single-valued operator on a multivalued key fails',
      condition: { StringEquals: { 'aws:TagKeys': ['env'] } },
      expected: 'false',
    },
    {
      name: 'so does its negation',
      condition: { StringNotEquals: { 'aws:TagKeys': ['owner'] } },
      expected: 'false',
    },
    {
      name: 'a set operator on a single-valued key',
      condition: { 'ForAnyValue:StringEquals': { 'aws:username': ['alice'] } },
      expected: 'true',
    },
    {
      name: 'a policy variable',
      condition: { StringEquals: { 'aws:PrincipalTag/team': ['${aws:PrincipalTag/team}'] } },
      expected: 'true',
    },
    {
      name: 'a variable in an ARN',
      condition: { ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::111111111111:role/${aws:username}'] } },
      expected: 'false',
    },
    {
      name: 'a variable with no value matches nothing',
      condition: { StringEquals: { 'aws:username': ['${aws:PrincipalTag/env}'] } },
      expected: 'false',
    },
    {
      name: '…and nothing equals it',
      condition: { StringNotEquals: { 'aws:username': ['${aws:PrincipalTag/env}'] } },
      expected: 'true',
    },
    {
      name: 'a variable default for a missing key',
      condition: { StringEquals: { 'aws:username': ["${aws:PrincipalTag/env, 'alice'}"] } },
      expected: 'true',
    },
    {
      name: 'a variable is literal text under Like',
      condition: { StringLike: { 'aws:username': ['${aws:PrincipalTag/team}*'] } },
      expected: 'false',
    },
    {
      name: '${*} is a literal star',
      condition: { StringLike: { 'aws:username': ['${*}'] } },
      expected: 'false',
    },
    {
      name: 'an unknown operator stays unknown',
      condition: { StringSoundsLike: { 'aws:username': ['alice'] } },
      expected: 'unknown',
    },
    {
      name: 'keys AND: one false decides',
      condition: { StringEquals: { 'aws:username': ['alice'], 'aws:PrincipalTag/team': ['ops'] } },
      expected: 'false',
    },
  ])('$name: $expected', ({ condition, expected }) => {
    expect(evaluateConditions([condition], REQUEST)).toBe(expected);
  });
});

describe('evaluateConditions with only some keys known', () => {
  // Given a user's tags, complete under aws:PrincipalTag/, and nothing else.
  const USER: KnownContext = {
    request: requestKeys(
      { 'aws:PrincipalTag/team': 'payments', 'aws:username': 'alice', 'aws:MultiFactorAuthPresent': null },
      { completePrefixes: ['aws:PrincipalTag/'] },
    ),
  };

  it.each<{ name: string; condition: ConditionMap; expected: Truth }>([
    {
      name: 'a known key decides',
      condition: { StringEquals: { 'aws:PrincipalTag/team': ['ops'] } },
      expected: 'false',
    },
    {
      name: 'a tag outside the known set is absent',
      condition: { StringEquals: { 'aws:PrincipalTag/approved': ['true'] } },
      expected: 'false',
    },
    {
      name: 'a key known to be absent',
      condition: { Bool: { 'aws:MultiFactorAuthPresent': ['true'] } },
      expected: 'false',
    },
    {
      name: 'Null on a key known to be absent',
      condition: { Null: { 'aws:MultiFactorAuthPresent': ['true'] } },
      expected: 'true',
    },
    {
      name: 'another key stays unknown',
      condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } },
      expected: 'unknown',
    },
    {
      name: 'Null on an unknown key stays unknown',
      condition: { Null: { 'aws:SourceIp': ['true'] } },
      expected: 'unknown',
    },
    {
      name: 'a variable of an unknown key stays unknown',
      condition: { StringEquals: { 'aws:username': ['${aws:userid}'] } },
      expected: 'unknown',
    },
    {
      name: 'unknown AND false is false',
      condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] }, StringEquals: { 'aws:username': ['bob'] } },
      expected: 'false',
    },
    {
      name: 'unknown AND true is unknown',
      condition: {
        IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] },
        StringEquals: { 'aws:username': ['alice'] },
      },
      expected: 'unknown',
    },
  ])('$name: $expected', ({ condition, expected }) => {
    expect(evaluateConditions([condition], USER)).toBe(expected);
  });
});

describe('evaluateConditions on hostile values', () => {
  it.each([
    ['unclosed policy variables', '${'.repeat(100_000)],
    ['a long glob of stars', `${'*a'.repeat(50_000)}b`],
    ['a long malformed CIDR', `${'1.'.repeat(50_000)}/8`],
  ])('stays fast on %s', (_name, value) => {
    const started = performance.now();
    const condition: ConditionMap = {
      StringLike: { 'aws:username': [value] },
      StringNotEquals: { 'aws:username': [value] },
      IpAddress: { 'aws:SourceIp': [value] },
      ArnLike: { 'aws:PrincipalArn': [value] },
    };
    expect(evaluateConditions([condition], REQUEST)).toBe('false');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
