import { fc } from '@fast-check/vitest';
import { setOwn } from '../../src/ingest/prototype-keys.js';
import { HOSTILE_TEXT } from './harness.js';

/** A policy document (or something that claims to be one) and what makes it hostile. */
export interface HostilePolicy {
  readonly what: string;
  readonly document: unknown;
}

/** `prefix` + `a*a*a*…b`: the shape that makes a backtracking matcher take exponential time. */
export function redosGlob(prefix: string, repeats: number): string {
  return `${prefix}${'a*'.repeat(repeats)}b`;
}

/** An ARN of `length` characters that `redosGlob` nearly matches (all `a`, no `b`). */
export function longArn(prefix: string, length: number): string {
  return `${prefix}${'a'.repeat(Math.max(0, length - prefix.length))}`;
}

const S3 = 'arn:aws:s3:::';

const redos = fc
  .tuple(
    fc.integer({ min: 10, max: 400 }),
    fc.integer({ min: 1_000, max: 50_000 }),
    fc.constantFrom('Resource', 'NotResource', 'Action', 'NotAction', 'Condition'),
  )
  .map(([repeats, length, element]): HostilePolicy => {
    const glob = element.endsWith('Action') ? redosGlob('s3:', repeats) : redosGlob(S3, repeats);
    const statement: Record<string, unknown> =
      element === 'Condition'
        ? {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: [longArn(S3, length), '*'],
            Condition: { StringLike: { 'aws:PrincipalArn': [glob, longArn('arn:aws:iam::', length)] } },
          }
        : element.endsWith('Action')
          ? { Effect: 'Allow', [element]: [glob, `s3:${'a'.repeat(length)}`], Resource: longArn(S3, length) }
          : { Effect: 'Allow', Action: 's3:*', [element]: [glob, longArn(S3, length)] };
    return {
      what: `a*a*…b x${repeats} in ${element} against ${length}-character ARNs`,
      document: {
        Version: '2012-10-17',
        Statement: [statement, { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: glob }],
      },
    };
  });

const ODD = [
  '',
  '*',
  ['*', '*'],
  [],
  '::',
  'arn:*',
  5,
  [1, 2],
  null,
  true,
  {},
  'iam:*',
  '*:*',
  'arn:aws:s3:::*/*/*/*',
  '???:????',
  ...HOSTILE_TEXT,
];

const oddElement = fc
  .tuple(
    fc.constantFrom(
      'Action',
      'NotAction',
      'Resource',
      'NotResource',
      'Principal',
      'NotPrincipal',
      'Effect',
      'Sid',
      'Condition',
      'Version',
    ),
    fc.constantFrom(...ODD),
  )
  .map(([element, value]): HostilePolicy => {
    const statement: Record<string, unknown> = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
    if (element === 'NotAction') delete statement.Action;
    if (element === 'NotResource') delete statement.Resource;
    statement[element] = value;
    return {
      what: `${element}: ${JSON.stringify(value)}`,
      document: { Version: '2012-10-17', Statement: [statement] },
    };
  });

const protoPolicy = fc.constantFrom(...(['__proto__', 'constructor', 'prototype'] as const)).chain((key) =>
  fc
    .constantFrom('Principal', 'Condition', 'ConditionKey', 'Statement', 'Document')
    .map((where): HostilePolicy => {
      const withKey = (rest: Record<string, unknown>, value: unknown) => {
        const o: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(rest)) setOwn(o, k, v);
        setOwn(o, key, value);
        return o;
      };
      const base = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
      const statement =
        where === 'Principal'
          ? { ...base, Principal: withKey({ AWS: '*' }, ['arn:aws:iam::111111111111:root']) }
          : where === 'Condition'
            ? { ...base, Condition: withKey({}, { 'aws:SourceIp': '10.0.0.0/8' }) }
            : where === 'ConditionKey'
              ? { ...base, Condition: { StringEquals: withKey({}, ['polluted']) } }
              : where === 'Statement'
                ? withKey(base, { polluted: 1 })
                : base;
      const document =
        where === 'Document'
          ? withKey({ Version: '2012-10-17', Statement: [statement] }, { polluted: 1 })
          : { Version: '2012-10-17', Statement: [statement] };
      return { what: `${key} key in ${where}`, document };
    }),
);

const statementShape = fc
  .constantFrom(
    {
      what: 'Statement as one object',
      document: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } },
    },
    { what: 'Statement empty', document: { Version: '2012-10-17', Statement: [] } },
    { what: 'Statement a string', document: { Version: '2012-10-17', Statement: 'Allow everything' } },
    { what: 'Statement null', document: { Statement: null } },
    { what: 'no Statement', document: { Version: '2012-10-17' } },
    { what: 'a list, not a document', document: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
    { what: 'a number', document: 42 },
    { what: 'URL-encoded broken', document: '%7B%ZZ' },
    {
      what: 'nested statements',
      document: { Statement: [[{ Effect: 'Allow', Action: '*', Resource: '*' }]] },
    },
  )
  .map((p): HostilePolicy => p);

/**
 * Thousands of statements over eight buckets. (10,000 statements over 10,000 buckets take tens of
 * seconds: each Deny is compared with each Allow; cases.test.ts runs that size nightly.)
 */
const manyStatements = fc.integer({ min: 1_000, max: 3_000 }).map(
  (n): HostilePolicy => ({
    what: `${n} statements`,
    document: {
      Version: '2012-10-17',
      Statement: Array.from({ length: n }, (_, i) => ({
        Sid: `S${i}`,
        Effect: i % 7 === 0 ? 'Deny' : 'Allow',
        Action: [`s3:Get${'*'.repeat(1 + (i % 3))}`, `ec2:${'a*'.repeat(i % 5)}Describe*`],
        Resource: `arn:aws:s3:::bucket-${i % 8}/*`,
      })),
    },
  }),
);

export const hostilePolicy: fc.Arbitrary<HostilePolicy> = fc.oneof(
  redos,
  oddElement,
  protoPolicy,
  statementShape,
  manyStatements,
);
