import type { Rng } from './prng.js';
import {
  HOME_ACCOUNT,
  OTHER_ACCOUNT,
  PRINCIPAL_ARN,
  type RawCondition,
  type RequestContext,
} from './types.js';

/**
 * Random condition blocks and request contexts for the differential. Every key is a global
 * condition key (iam-simulate accepts those for every action), given in the shape iam-simulate
 * normalises it to: a list for its ArrayOf… keys, one string otherwise. Policy values and context
 * values share small vocabularies so that tests often match and often just miss (case, one
 * character, one CIDR bit, one second).
 */
type KeyType = 'String' | 'ARN' | 'IPAddress' | 'Date' | 'Numeric' | 'Bool' | 'ArrayOfString';

interface KeySpec {
  readonly key: string;
  readonly type: KeyType;
  readonly values: readonly string[];
  /** Chance the key is present in a request context. */
  readonly presence: number;
}

const TAG_VALUES = ['prod', 'Prod', 'dev', 'payments', 'team-a', 'alice', ''];
const ISO_TIMES = [
  '2026-01-01T00:00:00Z',
  '2026-06-30T12:00:00Z',
  '2026-06-30T12:00:01Z',
  '2027-01-01T00:00:00Z',
  '2025-12-31T23:59:59Z',
];
const EPOCH_TIMES = ['1767225600', '1782820800', '1782820801', '1798761600', '1767225599'];

/** Exported so a test can check the types against iam-simulate's own (typeForContextKey). */
export const KEYS: readonly KeySpec[] = [
  {
    key: 'aws:PrincipalArn',
    type: 'ARN',
    values: [
      PRINCIPAL_ARN,
      `arn:aws:iam::${HOME_ACCOUNT}:role/deploy-agent`,
      `arn:aws:iam::${HOME_ACCOUNT}:user/alice`,
      `arn:aws:iam::${OTHER_ACCOUNT}:role/subject`,
    ],
    presence: 0.9,
  },
  { key: 'aws:PrincipalAccount', type: 'String', values: [HOME_ACCOUNT, OTHER_ACCOUNT], presence: 0.9 },
  {
    key: 'aws:PrincipalType',
    type: 'String',
    values: ['AssumedRole', 'User', 'FederatedUser'],
    presence: 0.9,
  },
  { key: 'aws:PrincipalTag/team', type: 'String', values: TAG_VALUES, presence: 0.6 },
  { key: 'aws:PrincipalTag/Env', type: 'String', values: TAG_VALUES, presence: 0.6 },
  { key: 'aws:ResourceTag/env', type: 'String', values: TAG_VALUES, presence: 0.6 },
  { key: 'aws:RequestTag/owner', type: 'String', values: TAG_VALUES, presence: 0.5 },
  { key: 'aws:username', type: 'String', values: ['alice', 'Alice', 'bob'], presence: 0.5 },
  {
    key: 'aws:RequestedRegion',
    type: 'String',
    values: ['us-east-1', 'eu-west-1', 'us-west-2'],
    presence: 0.8,
  },
  {
    key: 'aws:SourceIp',
    type: 'IPAddress',
    values: ['10.0.0.5', '10.0.1.5', '192.168.1.10', '203.0.113.7', '2001:db8::1', '2001:db8:1::5'],
    presence: 0.8,
  },
  { key: 'aws:CurrentTime', type: 'Date', values: ISO_TIMES, presence: 0.9 },
  { key: 'aws:EpochTime', type: 'Date', values: EPOCH_TIMES, presence: 0.9 },
  { key: 'aws:MultiFactorAuthPresent', type: 'Bool', values: ['true', 'false'], presence: 0.6 },
  { key: 'aws:SecureTransport', type: 'Bool', values: ['true', 'false'], presence: 0.8 },
  { key: 'aws:MultiFactorAuthAge', type: 'Numeric', values: ['0', '300', '3600', '86400'], presence: 0.5 },
  {
    key: 'aws:TagKeys',
    type: 'ArrayOfString',
    values: ['env', 'team', 'Owner', 'cost-center'],
    presence: 0.6,
  },
  {
    key: 'aws:CalledVia',
    type: 'ArrayOfString',
    values: ['cloudformation.amazonaws.com', 'athena.amazonaws.com', 'dynamodb.amazonaws.com'],
    presence: 0.4,
  },
];

const CIDRS = [
  '10.0.0.0/8',
  '10.0.0.0/24',
  '10.0.1.0/24',
  '10.0.0.5/32',
  '192.168.0.0/16',
  '0.0.0.0/0',
  '203.0.113.0/25',
  '2001:db8::/32',
  '2001:db8::/48',
  '::/0',
  '10.0.0.5',
];

/**
 * One request context: each key present with its presence chance. aws:ResourceTag is left out for
 * S3 ARNs, whose ABAC iam-simulate models as off (it drops the key there).
 */
export function generateContext(rng: Rng, resource: string): RequestContext {
  const context: Record<string, string | string[]> = {};
  const s3 = /^arn:[^:]+:s3:::/.test(resource);
  for (const spec of KEYS) {
    if (!rng.chance(spec.presence)) continue;
    if (s3 && spec.key.startsWith('aws:ResourceTag/')) continue;
    if (spec.type === 'ArrayOfString') {
      context[spec.key] = spec.values.filter(() => rng.chance(0.4));
    } else context[spec.key] = rng.pick(spec.values);
  }
  return context;
}

/** A Condition element of 1–2 operators, each testing 1–2 keys with 1–3 values. */
export function generateCondition(rng: Rng): RawCondition {
  const condition: Record<string, Record<string, string[]>> = {};
  const operators = rng.chance(0.75) ? 1 : 2;
  for (let i = 0; i < operators; i++) {
    const spec = rng.pick(KEYS);
    const operator = operatorFor(rng, spec);
    const block = condition[operator] ?? {};
    const keyCount = rng.chance(0.8) ? 1 : 2;
    for (let k = 0; k < keyCount; k++) {
      const keySpec = k === 0 ? spec : sameFamily(rng, spec);
      const key = rng.chance(0.15) ? mangleCase(rng, keySpec.key) : keySpec.key;
      block[key] = valuesFor(rng, keySpec, operator);
    }
    condition[operator] = block;
  }
  return condition;
}

/** Another key the same operator can test (same type), often the same one. */
function sameFamily(rng: Rng, spec: KeySpec): KeySpec {
  const family = KEYS.filter((k) => k.type === spec.type);
  return rng.pick(family);
}

const STRING_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
] as const;
const DATE_OPERATORS = [
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
] as const;
const NUMERIC_OPERATORS = [
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
] as const;
const ARN_OPERATORS = ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'] as const;

function operatorFor(rng: Rng, spec: KeySpec): string {
  if (rng.chance(0.06)) return 'Null';
  const base = baseOperator(rng, spec);
  if (spec.type === 'ArrayOfString' || rng.chance(0.08)) {
    // Set operators on multivalued keys, and now and then on single-valued ones (a one-value set);
    // a multivalued key without one is asked too.
    const set = rng.weighted([
      [45, 'ForAnyValue:'],
      [45, 'ForAllValues:'],
      [spec.type === 'ArrayOfString' ? 10 : 0, ''],
    ] as const);
    return `${set}${base}${rng.chance(0.1) ? 'IfExists' : ''}`;
  }
  return `${base}${rng.chance(0.15) ? 'IfExists' : ''}`;
}

function baseOperator(rng: Rng, spec: KeySpec): string {
  switch (spec.type) {
    case 'String':
    case 'ArrayOfString':
      return rng.chance(0.04) ? 'BinaryEquals' : rng.pick(STRING_OPERATORS);
    case 'ARN':
      return rng.chance(0.7) ? rng.pick(ARN_OPERATORS) : rng.pick(STRING_OPERATORS);
    case 'IPAddress':
      return rng.pick(['IpAddress', 'NotIpAddress']);
    case 'Date':
      return rng.pick(DATE_OPERATORS);
    case 'Numeric':
      return rng.pick(NUMERIC_OPERATORS);
    case 'Bool':
      return 'Bool';
  }
}

function valuesFor(rng: Rng, spec: KeySpec, operator: string): string[] {
  if (operator === 'Null') return [rng.pick(['true', 'false'])];
  const count = rng.weighted([
    [6, 1],
    [3, 2],
    [1, 3],
  ] as const);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(valueFor(rng, spec, operator));
  return [...new Set(out)];
}

function valueFor(rng: Rng, spec: KeySpec, operator: string): string {
  const like = /Like/.test(operator);
  switch (spec.type) {
    case 'IPAddress':
      return rng.chance(0.8) ? rng.pick(CIDRS) : rng.pick(spec.values);
    case 'Date':
      // Either notation against either key: AWS takes ISO 8601 and epoch seconds alike.
      return rng.chance(0.5) ? rng.pick(ISO_TIMES) : rng.pick(EPOCH_TIMES);
    case 'Numeric':
      return rng.pick([...spec.values, '299', '3600.5', '-1']);
    case 'Bool':
      return rng.pick(['true', 'false', 'True', 'FALSE']);
    case 'ARN':
      return arnValue(rng, spec, like || /^Arn/.test(operator));
    default:
      return stringValue(rng, spec, like);
  }
}

function arnValue(rng: Rng, spec: KeySpec, wildcards: boolean): string {
  const draw = rng.weighted([
    [4, 'exact'],
    [wildcards ? 3 : 0, 'glob'],
    [1, 'variable'],
    [wildcards ? 1 : 0, 'account-wide'],
  ] as const);
  switch (draw) {
    case 'exact':
      return rng.pick(spec.values);
    case 'glob':
      return rng.pick([
        `arn:aws:iam::${HOME_ACCOUNT}:role/*`,
        `arn:aws:iam::*:role/subject`,
        `arn:aws:iam::${HOME_ACCOUNT}:role/sub?ect`,
        `arn:aws:iam::${HOME_ACCOUNT}:*`,
        'arn:aws:iam::*:user/*',
      ]);
    case 'variable':
      return `arn:aws:iam::${HOME_ACCOUNT}:user/\${aws:username}`;
    case 'account-wide':
      return `arn:aws:*:*:${rng.pick([HOME_ACCOUNT, OTHER_ACCOUNT])}:*`;
  }
}

function stringValue(rng: Rng, spec: KeySpec, like: boolean): string {
  const draw = rng.weighted([
    [6, 'exact'],
    [like ? 3 : 0, 'glob'],
    [1, 'case'],
    [1, 'variable'],
  ] as const);
  const base = rng.pick(spec.values);
  switch (draw) {
    case 'exact':
      return base;
    case 'glob':
      return rng.pick([`${base.slice(0, 2)}*`, `*${base.slice(-2)}`, '*', `?${base.slice(1)}`]);
    case 'case':
      return mangleCase(rng, base);
    case 'variable':
      return rng.pick([
        '${aws:username}',
        "${aws:PrincipalTag/team, 'payments'}",
        '${aws:TagKeys}',
        'team-${aws:PrincipalTag/Env}',
        '${*}',
      ]);
  }
}

function mangleCase(rng: Rng, text: string): string {
  return text
    .split('')
    .map((c) => (rng.chance(0.3) ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c))
    .join('');
}
