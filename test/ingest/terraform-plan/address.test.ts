import { describe, expect, it } from 'vitest';
import {
  distinctReferences,
  formatModules,
  parseInstanceAddress,
  parseReference,
} from '../../../src/ingest/terraform-plan/address.js';

describe('parseInstanceAddress', () => {
  it.each([
    {
      address: 'aws_iam_role.r',
      expected: { modules: [], mode: 'managed', type: 'aws_iam_role', name: 'r' },
    },
    {
      address: 'aws_iam_role.r[0]',
      expected: { modules: [], mode: 'managed', type: 'aws_iam_role', name: 'r', key: 0 },
    },
    {
      address: 'data.aws_iam_policy_document.d["a.b[c]"]',
      expected: { modules: [], mode: 'data', type: 'aws_iam_policy_document', name: 'd', key: 'a.b[c]' },
    },
    {
      address: 'module.a.module.b["k"].aws_iam_role.x[0]',
      expected: {
        modules: [{ name: 'a' }, { name: 'b', key: 'k' }],
        mode: 'managed',
        type: 'aws_iam_role',
        name: 'x',
        key: 0,
      },
    },
    {
      address: 'module.m[2].data.aws_caller_identity.current',
      expected: {
        modules: [{ name: 'm', key: 2 }],
        mode: 'data',
        type: 'aws_caller_identity',
        name: 'current',
      },
    },
  ])('reads $address', ({ address, expected }) => {
    expect(parseInstanceAddress(address)).toEqual(expected);
  });

  it.each(['aws_iam_role', 'aws_iam_role.r.extra', 'aws_iam_role.r[*]', 'module.a'])(
    'rejects %s',
    (address) => {
      expect(parseInstanceAddress(address)).toBeUndefined();
    },
  );

  it('formats module steps back', () => {
    expect(formatModules([{ name: 'a' }, { name: 'b', key: 'k' }, { name: 'c', key: 1 }])).toBe(
      'module.a.module.b["k"].module.c[1]',
    );
  });
});

describe('parseReference', () => {
  it.each([
    { text: 'var.name', expected: { kind: 'var', name: 'name' } },
    { text: 'count.index', expected: { kind: 'count.index' } },
    { text: 'each.value', expected: { kind: 'each.value' } },
    { text: 'local.x', expected: { kind: 'other', text: 'local.x' } },
    {
      text: 'aws_iam_policy.p.arn',
      expected: { kind: 'resource', mode: 'managed', type: 'aws_iam_policy', name: 'p', attribute: 'arn' },
    },
    {
      text: 'aws_iam_policy.p',
      expected: { kind: 'resource', mode: 'managed', type: 'aws_iam_policy', name: 'p' },
    },
    {
      text: 'aws_iam_policy.p[1].arn',
      expected: {
        kind: 'resource',
        mode: 'managed',
        type: 'aws_iam_policy',
        name: 'p',
        key: 1,
        attribute: 'arn',
      },
    },
    {
      text: 'data.aws_iam_policy_document.d.json',
      expected: {
        kind: 'resource',
        mode: 'data',
        type: 'aws_iam_policy_document',
        name: 'd',
        attribute: 'json',
      },
    },
    { text: 'module.role.arn', expected: { kind: 'module-output', module: { name: 'role' }, output: 'arn' } },
    {
      text: 'module.role["a"].arn',
      expected: { kind: 'module-output', module: { name: 'role', key: 'a' }, output: 'arn' },
    },
  ])('reads $text', ({ text, expected }) => {
    expect(parseReference(text)).toEqual(expected);
  });

  it('keeps the longest form of each traversal', () => {
    expect(
      distinctReferences([
        'aws_iam_policy.p.arn',
        'aws_iam_policy.p',
        'count.index',
        'var.a',
        'var.a',
        'var.ab',
      ]),
    ).toEqual(['aws_iam_policy.p.arn', 'count.index', 'var.a', 'var.ab']);
  });
});
