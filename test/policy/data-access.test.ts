import { describe, expect, it } from 'vitest';
import { dataReadActions, dataWriteActions, modifyingActions } from '../../src/policy/data-access.js';
import { testCatalog } from '../helpers/policy.js';

const has = (set: ReturnType<typeof dataReadActions>, action: string) => {
  const index = testCatalog().indexOf(action);
  if (index === undefined) throw new Error(`${action} is not in the catalog`);
  return set.has(index);
};

describe('data access action sets', () => {
  it.each([
    ['s3:GetObject', true],
    ['s3:GetObjectVersion', true],
    ['dynamodb:Query', true],
    ['dynamodb:GetItem', true],
    ['secretsmanager:GetSecretValue', true],
    ['s3:GetBucketPolicy', false],
    ['s3:GetBucketTagging', false],
    ['s3:GetBucketLocation', false],
    ['rds:DescribeDBInstances', false],
    ['s3:ListBucket', false],
    ['s3:PutObject', false],
  ])('data read includes %s: %s', (action, expected) => {
    expect(has(dataReadActions(testCatalog()), action)).toBe(expected);
  });

  it.each([
    ['s3:PutObject', true],
    ['s3:DeleteObject', true],
    ['dynamodb:PutItem', true],
    ['s3:DeleteBucket', true],
    ['s3:PutBucketVersioning', false],
    ['s3:PutBucketPolicy', false],
    ['s3:PutBucketTagging', false],
    ['s3:GetObject', false],
  ])('data write includes %s: %s', (action, expected) => {
    expect(has(dataWriteActions(testCatalog()), action)).toBe(expected);
  });

  it.each([
    ['s3:PutBucketPolicy', true],
    ['s3:PutBucketTagging', true],
    ['rds:DeleteDBInstance', true],
    ['rds:DescribeDBInstances', false],
    ['s3:GetObject', false],
  ])('modifying includes %s: %s', (action, expected) => {
    expect(has(modifyingActions(testCatalog()), action)).toBe(expected);
  });
});
