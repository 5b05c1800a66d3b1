import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect } from 'vitest';
import type { ConditionMap } from '../../src/model/policy.js';
import type { Catalog } from '../../src/policy/catalog.js';
import {
  type ContextValue,
  evaluateConditions,
  type KnownContext,
  requestKeys,
} from '../../src/policy/condition.js';
import { evaluateRequest } from '../../src/policy/evaluate.js';
import { computePrincipalReach } from '../../src/policy/reach.js';
import { policyFrom, testCatalog } from '../helpers/policy.js';

const RUNS = Number(process.env.BLAST_RADIUS_PROP_RUNS ?? 200);

type KeyType = 'String' | 'ARN' | 'IP' | 'Date' | 'Numeric' | 'Bool' | 'List';

/** Keys with the values requests carry and policies test: small pools, so values often meet. */
const KEYS: readonly { key: string; type: KeyType; values: readonly string[] }[] = [
  { key: 'aws:PrincipalTag/team', type: 'String', values: ['payments', 'Payments', 'ops', ''] },
  { key: 'aws:username', type: 'String', values: ['alice', 'bob', 'al'] },
  {
    key: 'aws:PrincipalArn',
    type: 'ARN',
    values: ['arn:aws:iam::111111111111:role/deploy', 'arn:aws:iam::222222222222:user/alice'],
  },
  { key: 'aws:SourceIp', type: 'IP', values: ['10.0.0.5', '10.0.1.9', '192.168.3.4', '2001:db8::7'] },
  {
    key: 'aws:CurrentTime',
    type: 'Date',
    values: ['2026-01-01T00:00:00Z', '1782820800', '2027-03-01T10:00:00Z'],
  },
  { key: 'aws:MultiFactorAuthAge', type: 'Numeric', values: ['0', '300', '3600.5'] },
  { key: 'aws:SecureTransport', type: 'Bool', values: ['true', 'false'] },
  { key: 'aws:TagKeys', type: 'List', values: ['env', 'team', 'owner'] },
];

/** Positive operators with their negation, per key type; policy values are always valid for the type. */
const PAIRS: Record<KeyType, readonly (readonly [string, string | undefined])[]> = {
  String: [
    ['StringEquals', 'StringNotEquals'],
    ['StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase'],
    ['StringLike', 'StringNotLike'],
  ],
  List: [
    ['StringEquals', 'StringNotEquals'],
    ['StringLike', 'StringNotLike'],
  ],
  ARN: [
    ['ArnLike', 'ArnNotLike'],
    ['ArnEquals', 'ArnNotEquals'],
  ],
  IP: [['IpAddress', 'NotIpAddress']],
  Date: [
    ['DateEquals', 'DateNotEquals'],
    ['DateLessThan', undefined],
    ['DateGreaterThanEquals', undefined],
  ],
  Numeric: [
    ['NumericEquals', 'NumericNotEquals'],
    ['NumericLessThanEquals', undefined],
    ['NumericGreaterThan', undefined],
  ],
  Bool: [['Bool', undefined]],
};

const POLICY_VALUES: Record<KeyType, readonly string[]> = {
  String: [
    'payments',
    'PAYMENTS',
    'pay*',
    '?ps',
    'alice',
    '${aws:username}',
    "${aws:PrincipalTag/env, 'ops'}",
  ],
  List: ['env', 'te*', 'owner', 'x'],
  ARN: [
    'arn:aws:iam::111111111111:role/*',
    'arn:aws:iam::*:user/${aws:username}',
    'arn:aws:iam::222222222222:*',
  ],
  IP: ['10.0.0.0/24', '10.0.0.0/8', '0.0.0.0/0', '2001:db8::/32', '192.168.3.4'],
  Date: ['2026-06-30T12:00:00Z', '1767225600', '2027-03-01T10:00:00Z'],
  Numeric: ['300', '3600', '0.5'],
  Bool: ['true', 'false', 'TRUE'],
};

const keySpec = fc.constantFrom(...KEYS);

/** A whole request context over KEYS: each key present or absent, list keys as lists. */
const wholeContext = fc
  .tuple(
    ...KEYS.map((k) =>
      k.type === 'List'
        ? fc.option(fc.subarray([...k.values]), { nil: undefined })
        : fc.option(fc.constantFrom(...k.values), { nil: undefined }),
    ),
  )
  .map((values) => {
    const context: Record<string, ContextValue> = {};
    KEYS.forEach((k, i) => {
      const value = values[i];
      if (value !== undefined) context[k.key] = value;
    });
    return context;
  });

const known = (values: Record<string, ContextValue>): KnownContext => ({
  request: requestKeys(values, { complete: true }),
});

/** One test (operator, key, values) of a key, with its operator's negation when it has one. */
const keyTest = keySpec.chain((spec) =>
  fc.record({
    spec: fc.constant(spec),
    pair: fc.constantFrom(...PAIRS[spec.type]),
    set:
      spec.type === 'List'
        ? fc.constantFrom('ForAnyValue:', 'ForAllValues:')
        : fc.constantFrom('', '', 'ForAnyValue:'),
    values: fc.subarray([...POLICY_VALUES[spec.type]], { minLength: 1, maxLength: 3 }),
  }),
);

const condition = fc.array(keyTest, { minLength: 1, maxLength: 3 }).map((tests) => {
  const map: Record<string, Record<string, string[]>> = {};
  for (const { spec, pair, set, values } of tests) {
    const operator = `${set}${pair[0]}`;
    map[operator] = { ...map[operator], [spec.key]: values };
  }
  return map as ConditionMap;
});

describe('condition operators', () => {
  test.prop([keyTest, wholeContext], { numRuns: RUNS })(
    'a negated operator is the negation of its positive form when the key is present',
    ({ spec, pair: [positive, negated], values }, context) => {
      if (!negated || context[spec.key] === undefined || spec.type === 'List') return;
      const ctx = known(context);
      const yes = evaluateConditions([{ [positive]: { [spec.key]: values } }], ctx);
      const no = evaluateConditions([{ [negated]: { [spec.key]: values } }], ctx);
      expect(no).toBe(yes === 'true' ? 'false' : 'true');
    },
  );

  test.prop([keyTest, wholeContext], { numRuns: RUNS })(
    'ForAllValues of a negated operator is the negation of ForAnyValue of its positive form',
    ({ spec, pair: [positive, negated], values }, context) => {
      if (!negated) return;
      const ctx = known(context);
      const any = evaluateConditions([{ [`ForAnyValue:${positive}`]: { [spec.key]: values } }], ctx);
      const allNot = evaluateConditions([{ [`ForAllValues:${negated}`]: { [spec.key]: values } }], ctx);
      expect(allNot).toBe(any === 'true' ? 'false' : 'true');
    },
  );

  test.prop([keyTest, wholeContext], { numRuns: RUNS })(
    'on a missing key IfExists and ForAllValues hold, ForAnyValue and positive operators fail, Null is true',
    ({ spec, pair: [positive, negated], values }, context) => {
      const { [spec.key]: _dropped, ...rest } = context;
      const ctx = known(rest);
      const test = (operator: string) => evaluateConditions([{ [operator]: { [spec.key]: values } }], ctx);
      expect(test(`${positive}IfExists`)).toBe('true');
      expect(test(`ForAllValues:${positive}`)).toBe('true');
      expect(test(`ForAnyValue:${positive}`)).toBe('false');
      expect(test(positive)).toBe('false');
      if (negated) expect(test(negated)).toBe('true');
      expect(evaluateConditions([{ Null: { [spec.key]: ['true'] } }], ctx)).toBe('true');
    },
  );

  test.prop([condition, wholeContext, fc.infiniteStream(fc.boolean())], { numRuns: RUNS })(
    'evaluation depends on neither key case nor the order of operators and keys',
    (map, context, flips) => {
      const flip = (text: string) =>
        text
          .split('')
          .map((c) => (flips.next().value ? c.toUpperCase() : c.toLowerCase()))
          .join('');
      const respelt: ConditionMap = Object.fromEntries(
        Object.entries(map)
          .reverse()
          .map(([operator, keys]) => [
            operator,
            Object.fromEntries(
              Object.entries(keys)
                .reverse()
                .map(([k, v]) => [flip(k), v]),
            ),
          ]),
      );
      const recased = Object.fromEntries(Object.entries(context).map(([k, v]) => [flip(k), v]));
      expect(evaluateConditions([respelt], known(recased))).toBe(evaluateConditions([map], known(context)));
    },
  );

  test.prop([condition, wholeContext, fc.subarray(KEYS.map((k) => k.key))], { numRuns: RUNS })(
    'knowing less never changes a decided answer: it only turns it unknown',
    (map, context, forgotten) => {
      const full = evaluateConditions([map], known(context));
      // The same request with some keys not known either way.
      const partial: KnownContext = {
        request: requestKeys(
          Object.fromEntries(
            KEYS.filter((k) => !forgotten.includes(k.key)).map((k) => [k.key, context[k.key] ?? null]),
          ),
        ),
      };
      const result = evaluateConditions([map], partial);
      expect([full, 'unknown']).toContain(result);
    },
  );
});

describe('conditions in reach', () => {
  let catalog: Catalog;
  beforeAll(() => {
    catalog = testCatalog();
  });

  const ACTIONS = ['s3:GetObject', 's3:DeleteObject', 'iam:PassRole', 'ec2:DescribeInstances'];
  const RESOURCES = ['arn:aws:s3:::data/report.csv', 'arn:aws:iam::111111111111:role/deploy', '*'];
  const statement = (effect: 'Allow' | 'Deny') =>
    fc.record({
      Effect: fc.constant(effect),
      Action: fc.subarray(['s3:*', 's3:GetObject', 'iam:PassRole', 'ec2:Describe*', '*'], { minLength: 1 }),
      Resource: fc.constantFrom(['*'], ['arn:aws:s3:::data/*'], ['arn:aws:iam::*:role/*']),
    });
  const conditional = (effect: 'Allow' | 'Deny') =>
    fc.tuple(statement(effect), condition).map(([s, c]) => ({ ...s, Condition: c }));
  const base = fc.array(fc.oneof(statement('Allow'), statement('Deny'), conditional('Allow')), {
    minLength: 1,
    maxLength: 4,
  });

  const allowedUnder = (statements: readonly unknown[], context: KnownContext): boolean[] => {
    const reach = computePrincipalReach(catalog, {
      principalArn: 'arn:aws:iam::111111111111:role/subject',
      policies: [{ policy: policyFrom({ Statement: statements }) }],
    });
    return ACTIONS.flatMap((a) =>
      RESOURCES.map((r) => evaluateRequest(catalog, reach, a, r, { context }).decision === 'allow'),
    );
  };

  test.prop([base, conditional('Deny'), wholeContext], { numRuns: RUNS })(
    'a conditional Deny never widens reach, known context or not',
    (statements, deny, context) => {
      for (const ctx of [known(context), {}]) {
        const before = allowedUnder(statements, ctx);
        const after = allowedUnder([...statements, deny], ctx);
        after.forEach((now, i) => {
          if (now) expect(before[i]).toBe(true);
        });
      }
    },
  );

  test.prop([base, statement('Allow'), condition, wholeContext], { numRuns: RUNS })(
    'a condition only narrows an Allow, and an unknown context keeps it',
    (statements, allow, map, context) => {
      const plain = allowedUnder([...statements, allow], known(context));
      const narrowed = allowedUnder([...statements, { ...allow, Condition: map }], known(context));
      narrowed.forEach((now, i) => {
        if (now) expect(plain[i]).toBe(true);
      });
      expect(allowedUnder([...statements, { ...allow, Condition: map }], {})).toEqual(
        allowedUnder([...statements, allow], {}),
      );
    },
  );
});
