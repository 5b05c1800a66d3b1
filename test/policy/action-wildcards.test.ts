import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { ActionSet } from '../../src/policy/action-set.js';
import { compressActionSet } from '../../src/policy/action-wildcards.js';
import type { Catalog } from '../../src/policy/catalog.js';
import { testCatalog } from '../helpers/policy.js';

let catalog: Catalog;
beforeAll(() => {
  catalog = testCatalog();
});

const RUNS = Number(process.env.BLAST_RADIUS_PROP_RUNS ?? 100);

function setOf(...patterns: string[]): ActionSet {
  return patterns.reduce((set, p) => set.union(catalog.expand(p)), catalog.none);
}

function expandAll(patterns: readonly string[]): ActionSet {
  return setOf(...patterns);
}

describe('compressActionSet: few exact patterns', () => {
  it.each([
    { name: 'nothing', input: [], expected: [] },
    { name: 'the whole catalog', input: ['*'], expected: ['*'] },
    { name: 'a whole service', input: ['sqs:*'], expected: ['sqs:*'] },
    { name: 'one action, by name', input: ['s3:GetObject'], expected: ['s3:GetObject'] },
    {
      name: 'actions in catalog order, named',
      input: ['lambda:UpdateFunctionCode', 'lambda:PublishVersion', 'lambda:UpdateAlias'],
      expected: ['lambda:PublishVersion', 'lambda:UpdateAlias', 'lambda:UpdateFunctionCode'],
    },
    { name: 'every action with a prefix', input: ['s3:GetObject*'], expected: ['s3:GetObject*'] },
    {
      name: 'a prefix cut at the end of a word, not where the names first part',
      input: ['elasticloadbalancing:Describe*'],
      expected: ['elasticloadbalancing:Describe*'],
    },
    { name: 'two whole services', input: ['sqs:*', 'sns:*'], expected: ['sns:*', 'sqs:*'] },
    {
      name: 'no prefix that cuts a word: ChangeMessageVisibility and CreateQueue are not sqs:C*',
      input: ['sqs:ChangeMessageVisibility', 'sqs:CreateQueue'],
      expected: ['sqs:ChangeMessageVisibility', 'sqs:CreateQueue'],
    },
  ])('$name', ({ input, expected }) => {
    expect(compressActionSet(catalog, setOf(...input))).toEqual(expected);
  });

  it('never widens: one action short of a prefix is not written as the prefix', () => {
    // Given every s3:GetObject* action but s3:GetObjectAcl
    const set = catalog.expand('s3:GetObject*').minus(catalog.expand('s3:GetObjectAcl'));
    // When compressed
    const patterns = compressActionSet(catalog, set);
    // Then no pattern selects s3:GetObjectAcl, and together they select exactly the set
    expect(patterns).not.toContain('s3:GetObject*');
    expect(expandAll(patterns).equals(set)).toBe(true);
    expect(patterns).toContain('s3:GetObject');
  });

  it('a whole service but one action is every other action, in prefixes', () => {
    const set = catalog.serviceActions('sqs').minus(catalog.expand('sqs:DeleteQueue'));
    const patterns = compressActionSet(catalog, set);
    expect(patterns).not.toContain('sqs:*');
    expect(expandAll(patterns).equals(set)).toBe(true);
    expect(patterns.length).toBeLessThan(catalog.names(set).length);
  });
});

describe('compressActionSet: properties', () => {
  const SERVICES = ['s3', 'lambda', 'sqs', 'kms', 'iam', 'elasticloadbalancing'];

  /** A random subset of a few services' actions, biased toward prefix-shaped groups. */
  const actionSets = fc
    .tuple(
      fc.subarray(SERVICES, { minLength: 1, maxLength: 3 }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
    )
    .map(([services, seed, density]) => {
      const indexes: number[] = [];
      let state = seed;
      for (const service of services) {
        for (const i of catalog.serviceActions(service).indexes()) {
          state = (state * 1103515245 + 12345) % 2 ** 31;
          if (state / 2 ** 31 < density) indexes.push(i);
        }
      }
      return ActionSet.of(catalog.size, indexes);
    });

  const PREFIXES = [
    's3:Get*',
    's3:Put*',
    's3:List*',
    'lambda:Update*',
    'kms:*',
    'iam:Create*',
    'sqs:*',
    'iam:Tag*',
  ];

  /** Unions of prefixes, with a few of their actions taken out: the shapes real grants have. */
  const prefixSets = fc
    .tuple(fc.subarray(PREFIXES, { minLength: 1 }), fc.array(fc.nat(), { maxLength: 4 }))
    .map(([prefixes, holes]) => {
      const set = setOf(...prefixes);
      const members = [...set.indexes()];
      const removed = holes.map((h) => members[h % members.length] ?? 0);
      return set.minus(ActionSet.of(catalog.size, removed));
    });

  test.prop([fc.oneof(actionSets, prefixSets)], { numRuns: RUNS })(
    'expanding the patterns gives back exactly the set',
    (set) => {
      expect(expandAll(compressActionSet(catalog, set)).equals(set)).toBe(true);
    },
  );

  test.prop([fc.oneof(actionSets, prefixSets)], { numRuns: RUNS })(
    'every pattern selects only actions of the set',
    (set) => {
      for (const pattern of compressActionSet(catalog, set))
        expect(set.containsAll(catalog.expand(pattern))).toBe(true);
    },
  );

  test.prop([fc.oneof(actionSets, prefixSets)], { numRuns: RUNS })(
    'never more patterns than actions; one action by name; a wildcard ends a word',
    (set) => {
      const patterns = compressActionSet(catalog, set);
      expect(patterns.length).toBeLessThanOrEqual(set.size());
      for (const pattern of patterns) {
        if (catalog.expand(pattern).size() === 1) expect(catalog.indexOf(pattern)).toBeDefined();
        const prefix = pattern.endsWith('*') ? pattern.slice(pattern.indexOf(':') + 1, -1) : '';
        for (const name of prefix ? catalog.names(catalog.expand(pattern)) : []) {
          const rest = name.slice(name.indexOf(':') + 1 + prefix.length);
          expect(rest === '' || /^[A-Z0-9]/.test(rest), `${pattern} cuts a word of ${name}`).toBe(true);
        }
      }
    },
  );
});
