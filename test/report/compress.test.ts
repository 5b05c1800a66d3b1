import { describe, expect, it } from 'vitest';
import { compressActions } from '../../src/report/compress.js';

const MANY = [
  ...['a', 'b', 'c', 'd', 'e', 'f'].map((x) => `ec2:${x.toUpperCase()}Action`),
  's3:GetObject',
  's3:PutObject',
  'a-b:Do',
  'a:Do',
  'iam:PassRole',
  'kms:Decrypt',
  'sns:Publish',
  'sqs:SendMessage',
];

describe('compressActions', () => {
  it.each([
    {
      name: 'a few, by service',
      actions: ['s3:GetObject', 's3:PutObject', 'ec2:RunInstances'],
      perService: 4,
      services: 6,
      expected: 'ec2:RunInstances; s3:GetObject, s3:PutObject',
    },
    { name: 'none', actions: [], perService: 4, services: 6, expected: '' },
    {
      name: 'more than four of a service and six services',
      actions: MANY,
      perService: 4,
      services: 6,
      expected:
        'a:Do; a-b:Do; ec2:AAction, ec2:BAction, ec2:CAction, ec2:DAction (+2 more ec2); iam:PassRole; kms:Decrypt; s3:GetObject, s3:PutObject; +2 more in 2 other services',
    },
    {
      name: 'other limits',
      actions: MANY,
      perService: 1,
      services: 2,
      expected: 'a:Do; a-b:Do; +12 more in 6 other services',
    },
  ])('$name', ({ actions, perService, services, expected }) => {
    // Given the same list three times (itself, an equal copy, and again), Then each gives the same summary
    expect(compressActions(actions, perService, services)).toBe(expected);
    expect(compressActions([...actions], perService, services)).toBe(expected);
    expect(compressActions(actions, perService, services)).toBe(expected);
  });

  it('tells apart lists that share their length, ends and middle', () => {
    const one = ['ec2:A', 'ec2:B', 's3:C', 'sqs:D', 'sqs:E'];
    const other = ['ec2:A', 'iam:B', 's3:C', 'sqs:D', 'sqs:E'];
    expect(compressActions(one)).toBe('ec2:A, ec2:B; s3:C; sqs:D, sqs:E');
    expect(compressActions(other)).toBe('ec2:A; iam:B; s3:C; sqs:D, sqs:E');
  });

  it('gives a summary for the limits asked, whatever was asked of the same list before', () => {
    expect(compressActions(MANY)).not.toBe(compressActions(MANY, 1, 2));
    expect(compressActions(MANY, 1, 2)).toBe('a:Do; a-b:Do; +12 more in 6 other services');
  });
});
