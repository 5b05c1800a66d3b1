import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { arnMatches, compileArnPattern, splitConcreteArn } from '../../src/policy/arn-pattern.js';
import { ArnList } from '../../src/policy/request-index.js';
import type { ResourceScope } from '../../src/policy/resource-scope.js';

const RUNS = Number(process.env.BLAST_RADIUS_PROP_RUNS ?? 300);

const name = fc.stringMatching(/^[ab/-]{0,6}$/);
const arn = fc
  .tuple(
    fc.constantFrom('iam', 's3', 'dynamodb'),
    fc.constantFrom('', 'us-east-1'),
    fc.constantFrom('', '111111111111', '222222222222'),
    fc.constantFrom('role/', 'table/', ''),
    name,
  )
  .map(([service, region, account, type, rest]) => `arn:aws:${service}:${region}:${account}:${type}${rest}`);
const pattern = fc.oneof(
  arn,
  fc.tuple(arn, fc.stringMatching(/^[ab*?]{0,3}$/)).map(([a, tail]) => `${a}${tail}`),
  fc.tuple(arn, fc.nat(30)).map(([a, cut]) => `${a.slice(0, cut)}*`),
  fc.constantFrom('*', 'arn:aws:IAM::111111111111:role/*', 'arn:aws:iam::*:role/a*', 'arn:*:s3:::*'),
);

/** The reference: test every resource. */
function scan(arns: readonly string[], scope: ResourceScope): number[] {
  return arns.flatMap((a, i) => {
    const hit = scope.patterns.some((p) => arnMatches(p, splitConcreteArn(a)));
    return hit === (scope.kind === 'resources') ? [i] : [];
  });
}

describe('ArnList matching by literal prefix', () => {
  test.prop(
    [fc.array(arn, { maxLength: 40 }), fc.array(pattern, { minLength: 1, maxLength: 3 }), fc.boolean()],
    {
      numRuns: RUNS * 3,
    },
  )('matches exactly the resources a scan matches', (arns, patterns, not) => {
    const list = new ArnList(arns);
    const scope: ResourceScope = {
      kind: not ? 'not-resources' : 'resources',
      patterns: patterns.map(compileArnPattern),
    };
    expect(list.matchingScope(scope) ?? arns.map((_, i) => i)).toEqual(scan(arns, scope));
  });

  it('falls back to a scan when a resource head is not lower case, and still finds it', () => {
    const arns = ['arn:aws:IAM::111111111111:role/a', 'arn:aws:iam::111111111111:role/b'];
    const list = new ArnList(arns);
    const scope: ResourceScope = {
      kind: 'resources',
      patterns: [compileArnPattern('arn:aws:iam::111111111111:role/*')],
    };
    expect((list.matchingScope(scope) ?? []).map((i) => arns[i])).toEqual([
      'arn:aws:IAM::111111111111:role/a',
      'arn:aws:iam::111111111111:role/b',
    ]);
  });
});
