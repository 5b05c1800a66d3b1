import { beforeAll, describe, expect, it } from 'vitest';
import { readActionCatalog } from '../../src/ingest/action-catalog/read-catalog.js';
import { compileArnPattern } from '../../src/policy/arn-pattern.js';
import { Catalog } from '../../src/policy/catalog.js';
import { compileGlob, globMatches } from '../../src/policy/glob.js';

let catalog: Catalog;
beforeAll(() => {
  catalog = new Catalog(readActionCatalog());
});

describe('Catalog', () => {
  it('indexes every action of the pinned iam-data release', () => {
    expect(catalog.size).toBeGreaterThan(20_000);
    expect(catalog.indexOf('S3:getobject')).toBe(catalog.indexOf('s3:GetObject'));
    expect(catalog.actionName(catalog.indexOf('s3:getobject') ?? -1)).toBe('s3:GetObject');
  });

  it.each([
    { pattern: 's3:GetObject', includes: ['s3:GetObject'], excludes: ['s3:GetObjectAcl', 's3:PutObject'] },
    { pattern: 's3:Get*', includes: ['s3:GetObject', 's3:GetBucketPolicy'], excludes: ['s3:PutObject'] },
    { pattern: 'S3:GET*', includes: ['s3:GetObject'], excludes: ['s3:ListBucket'] },
    {
      pattern: 'iam:*Policy',
      includes: ['iam:AttachRolePolicy', 'iam:PutRolePolicy'],
      excludes: ['iam:CreatePolicyVersion'],
    },
    { pattern: 's3:?etObject', includes: ['s3:GetObject'], excludes: ['s3:PutObject'] },
    {
      pattern: '*:Describe*',
      includes: ['ec2:DescribeInstances', 'rds:DescribeDBInstances'],
      excludes: ['ec2:RunInstances'],
    },
    { pattern: 'nosuchservice:*', includes: [], excludes: ['s3:GetObject'] },
  ])('expands $pattern case-insensitively', ({ pattern, includes, excludes }) => {
    const names = new Set(catalog.names(catalog.expand(pattern)));
    for (const name of includes) expect(names.has(name)).toBe(true);
    for (const name of excludes) expect(names.has(name)).toBe(false);
  });

  // s3 sorts after s3-object-lambda by code unit ('-' < ':'), though the catalog indexes s3 first
  it.each(['*', 's3*:*', 's3:Get*', 'iam:*', 'ec2:Describe*'])(
    'sortedNames(%s) is names().sort(), whole and its first 3',
    (pattern) => {
      const set = catalog.expand(pattern);
      const sorted = catalog.names(set).sort();
      expect(catalog.sortedNames(set)).toEqual(sorted);
      expect(catalog.sortedNames(set, 3)).toEqual(sorted.slice(0, 3));
    },
  );

  it.each([
    'S3:GetObject',
    's3:getobject',
    's3:NoSuchAction',
    's3:Get*',
    's3:get*',
    'ec2:Describe*',
    'iam:*',
    's3:*Object*',
    'ec2:Describe?nstances',
    'nosuch:*',
    's3:',
    'kms:zzz*',
    '*:Delete*',
    '*:get*',
    '*:*',
    '*:zzz*',
    '*:Describe?nstances',
    '*:*Object',
    '*:CreateResourcePolicy',
    '*:Terminate*Session',
  ])('expand(%s) is every action whose name the pattern matches, case-insensitively', (pattern) => {
    const glob = compileGlob(pattern.toLowerCase());
    const expected = catalog.names(catalog.all).filter((name) => globMatches(glob, name.toLowerCase()));
    expect(catalog.names(catalog.expand(pattern))).toEqual(expected);
  });

  it('gives every set with the same many actions one frozen list, and different sets different lists', () => {
    // Given two sets built differently with the same actions, and a set differing by one action
    const all = catalog.expand('*');
    const rebuilt = catalog.expand('s3:*').union(all.minus(catalog.expand('s3:*')));
    const lessOne = all.minus(catalog.expand('s3:GetObject'));
    // Then the lists are shared by content and cannot be changed by a caller
    expect(catalog.sortedNames(rebuilt)).toBe(catalog.sortedNames(all));
    expect(Object.isFrozen(catalog.sortedNames(all))).toBe(true);
    expect(catalog.sortedNames(lessOne)).not.toBe(catalog.sortedNames(all));
    expect(catalog.sortedNames(lessOne)).toHaveLength(catalog.size - 1);
  });

  it('iam:DeleteServiceLinkedRole applies to service-linked roles only', () => {
    const slr = catalog.indexOf('iam:DeleteServiceLinkedRole') ?? -1;
    const attach = catalog.indexOf('iam:AttachRolePolicy') ?? -1;
    const ordinary = catalog.actionsOnArn('arn:aws:iam::111111111111:role/prod-api');
    const linked = catalog.actionsOnArn(
      'arn:aws:iam::111111111111:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS',
    );
    expect([ordinary.has(slr), ordinary.has(attach)]).toEqual([false, true]);
    expect([linked.has(slr), linked.has(attach)]).toEqual([true, true]);
  });

  it('expands * to the whole catalog', () => {
    expect(catalog.expand('*').size()).toBe(catalog.size);
  });

  it.each([
    {
      arn: 'arn:aws:s3:::bucket',
      has: ['s3:ListBucket', 's3:DeleteBucket'],
      hasNot: ['s3:GetObject', 's3:ListAllMyBuckets'],
    },
    {
      arn: 'arn:aws:s3:::bucket/key/a.txt',
      has: ['s3:GetObject', 's3:DeleteObject'],
      hasNot: ['s3:ListBucket'],
    },
    {
      arn: 'arn:aws:rds:us-east-1:111111111111:db:prod-db',
      has: ['rds:DeleteDBInstance'],
      hasNot: ['s3:GetObject'],
    },
    {
      arn: 'arn:aws:iam::111111111111:role/path/deploy',
      has: ['iam:PassRole', 'sts:AssumeRole'],
      hasNot: ['iam:CreateUser'],
    },
    {
      arn: 'arn:aws:logs:us-east-1:111111111111:log-group:/aws/lambda/fn',
      has: ['logs:DeleteLogGroup'],
      hasNot: ['logs:GetLogEvents'],
    },
  ])('knows which actions apply to $arn', ({ arn, has, hasNot }) => {
    const names = new Set(catalog.names(catalog.actionsOnArn(arn)));
    for (const name of has) expect(names, name).toContain(name);
    for (const name of hasNot) expect(names.has(name), name).toBe(false);
  });

  it.each([
    {
      pattern: 'arn:aws:s3:::bucket/*',
      has: ['s3:GetObject'],
      hasNot: ['s3:ListBucket', 's3:ListAllMyBuckets'],
    },
    {
      pattern: 'arn:aws:s3:::bucket*',
      has: ['s3:GetObject', 's3:ListBucket'],
      hasNot: ['s3:ListAllMyBuckets'],
    },
    { pattern: 'arn:aws:s3:::*', has: ['s3:GetObject', 's3:ListBucket'], hasNot: ['ec2:RunInstances'] },
    { pattern: '*', has: ['s3:ListAllMyBuckets', 'ec2:DescribeInstances'], hasNot: [] },
  ])('knows which actions a Resource of $pattern can grant', ({ pattern, has, hasNot }) => {
    const names = new Set(catalog.names(catalog.actionsOnPattern(compileArnPattern(pattern))));
    for (const name of has) expect(names, name).toContain(name);
    for (const name of hasNot) expect(names.has(name), name).toBe(false);
  });
});
