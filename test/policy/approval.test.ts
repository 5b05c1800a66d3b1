import { describe, expect, it } from 'vitest';
import type { ConditionMap } from '../../src/model/policy.js';
import { deniesWithoutApproval, requiresApproval } from '../../src/policy/approval.js';

const KEYS = ['aws:MultiFactorAuthPresent', 'aws:MultiFactorAuthAge', 'aws:PrincipalTag/approved-change'];
const MFA = 'aws:MultiFactorAuthPresent';
const AGE = 'aws:MultiFactorAuthAge';
const TAG = 'aws:PrincipalTag/approved-change';

describe('requiresApproval (an Allow or trust condition)', () => {
  it.each<[string, ConditionMap, boolean]>([
    ['Bool MFA true', { Bool: { [MFA]: ['true'] } }, true],
    [
      'keys and operators compared case-insensitively',
      { bool: { 'AWS:multifactorauthpresent': ['TRUE'] } },
      true,
    ],
    ['Bool MFA false allows exactly the unapproved', { Bool: { [MFA]: ['false'] } }, false],
    ['BoolIfExists passes without the key', { BoolIfExists: { [MFA]: ['true'] } }, false],
    ['Null passes without the key', { Null: { [MFA]: ['false'] } }, false],
    ['NumericLessThan MFA age', { NumericLessThan: { [AGE]: ['300'] } }, true],
    ['StringEquals on a custom key', { StringEquals: { [TAG]: ['yes'] } }, true],
    ['a negated operator passes without the key', { StringNotEquals: { [TAG]: ['no'] } }, false],
    ['ForAllValues passes without the key', { 'ForAllValues:StringEquals': { [TAG]: ['yes'] } }, false],
    ['ForAnyValue needs the key', { 'ForAnyValue:StringEquals': { [TAG]: ['yes'] } }, true],
    ['another key only', { StringEquals: { 'aws:SourceVpc': ['vpc-1'] } }, false],
    [
      'an approval test beside another key still gates',
      { Bool: { [MFA]: ['true'] }, StringEquals: { 'aws:RequestedRegion': ['us-east-1'] } },
      true,
    ],
  ])('%s', (_, condition, expected) => {
    expect(requiresApproval(condition, KEYS)).toBe(expected);
  });

  it('is false without a condition', () => {
    expect(requiresApproval(undefined, KEYS)).toBe(false);
  });
});

describe('deniesWithoutApproval (a Deny condition)', () => {
  it.each<[string, ConditionMap, boolean, boolean]>([
    ['BoolIfExists MFA false, role', { BoolIfExists: { [MFA]: ['false'] } }, true, true],
    ['BoolIfExists MFA false, user', { BoolIfExists: { [MFA]: ['false'] } }, false, true],
    ['Bool MFA false, role (sessions carry the key)', { Bool: { [MFA]: ['false'] } }, true, true],
    ['Bool MFA false, user (long-term keys do not)', { Bool: { [MFA]: ['false'] } }, false, false],
    ['Bool MFA true denies the approved', { Bool: { [MFA]: ['true'] } }, true, false],
    ['Null MFA true, user', { Null: { [MFA]: ['true'] } }, false, true],
    ['Null MFA true, role (the key is present, false)', { Null: { [MFA]: ['true'] } }, true, false],
    ['Null MFA age true (absent without MFA)', { Null: { [AGE]: ['true'] } }, true, true],
    ['Null MFA false denies the approved', { Null: { [MFA]: ['false'] } }, true, false],
    ['MFA too old, IfExists', { NumericGreaterThanIfExists: { [AGE]: ['3600'] } }, true, true],
    [
      'MFA too old without IfExists misses sessions without MFA',
      { NumericGreaterThan: { [AGE]: ['3600'] } },
      true,
      false,
    ],
    ['StringNotEquals a custom key', { StringNotEquals: { [TAG]: ['yes'] } }, true, true],
    ['StringEquals a custom key denies the approved', { StringEquals: { [TAG]: ['yes'] } }, true, false],
    [
      'a test on another key narrows the Deny',
      { BoolIfExists: { [MFA]: ['false'] }, StringEquals: { 'aws:RequestedRegion': ['us-east-1'] } },
      true,
      false,
    ],
    [
      'two approval tests that both hold',
      { BoolIfExists: { [MFA]: ['false'] }, NumericGreaterThanIfExists: { [AGE]: ['3600'] } },
      true,
      true,
    ],
  ])('%s', (_, condition, principalIsRole, expected) => {
    expect(deniesWithoutApproval(condition, KEYS, principalIsRole)).toBe(expected);
  });
});
