import { compileGlob, type Glob, globMatches } from './glob.js';

/**
 * The value tests of IAM's condition operators: one request value against one policy value (its
 * policy variables already resolved). A test says `match`, `no-match`, or `invalid` when either
 * value is not of the operator's type (a date that does not parse, a malformed CIDR …): an invalid
 * pair matches under neither the positive nor the negated operator.
 */
export type ValueTest = (policyValue: string, requestValue: string) => boolean | undefined;

/** How a policy value's text is read: the string operators and ARNs take wildcards and variables. */
export type ValueSyntax = 'literal' | 'glob' | 'plain';

export interface OperatorDefinition {
  /** The positive test; a negated operator (StringNotEquals …) is true where no value matches it. */
  readonly test: ValueTest;
  readonly negated: boolean;
  readonly syntax: ValueSyntax;
}

const globs = new Map<string, Glob>();

/** A glob whose literal `${*}`, `${?}` and `${$}` escapes are already in place, compiled once. */
function globOf(source: string): Glob {
  let glob = globs.get(source);
  if (!glob) {
    glob = compileGlob(source, true);
    globs.set(source, glob);
  }
  return glob;
}

const stringEquals: ValueTest = (p, r) => p === r;
const stringEqualsIgnoreCase: ValueTest = (p, r) => p.toLowerCase() === r.toLowerCase();
const stringLike: ValueTest = (p, r) => globMatches(globOf(p), r);

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function parseNumber(text: string): number | undefined {
  return NUMBER.test(text) ? Number(text) : undefined;
}

function numeric(compare: (policy: number, request: number) => boolean): ValueTest {
  return (p, r) => {
    const policy = parseNumber(p);
    const request = parseNumber(r);
    return policy === undefined || request === undefined ? undefined : compare(policy, request);
  };
}

/** W3C ISO 8601 profiles: a date, or a date and time with a zone; AWS also takes epoch seconds. */
const ISO_DATE = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;
const EPOCH_SECONDS = /^\d+$/;

/** Milliseconds since the epoch, from an ISO 8601 date or epoch seconds. */
export function parseConditionDate(text: string): number | undefined {
  if (EPOCH_SECONDS.test(text)) return Number(text) * 1000;
  if (!ISO_DATE.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

function date(compare: (policy: number, request: number) => boolean): ValueTest {
  return (p, r) => {
    const policy = parseConditionDate(p);
    const request = parseConditionDate(r);
    return policy === undefined || request === undefined ? undefined : compare(policy, request);
  };
}

const bool: ValueTest = (p, r) => {
  const policy = p.toLowerCase();
  const request = r.toLowerCase();
  const valid = (v: string) => v === 'true' || v === 'false';
  return valid(policy) && valid(request) ? policy === request : undefined;
};

const ipAddress: ValueTest = (p, r) => {
  const range = parseCidr(p);
  const address = parseIp(r);
  if (!range || !address) return undefined;
  if (range.version !== address.version) return false;
  const width = range.version === 4 ? 32 : 128;
  const shift = BigInt(width - range.prefix);
  return address.value >> shift === range.value >> shift;
};

/** ArnEquals and ArnLike alike: six colon-separated parts, each a case-sensitive glob. */
const arnLike: ValueTest = (p, r) => {
  const policy = splitArn(p);
  const request = splitArn(r);
  if (!policy || !request) return undefined;
  return policy.every((part, i) => globMatches(globOf(part), request[i] ?? ''));
};

function splitArn(text: string): string[] | undefined {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

interface IpValue {
  readonly version: 4 | 6;
  readonly value: bigint;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;

/** An IPv4 or IPv6 address as a number. */
export function parseIp(text: string): IpValue | undefined {
  if (IPV4.test(text)) {
    const value = text.split('.').reduce((acc, octet) => (acc << 8n) + BigInt(octet), 0n);
    return { version: 4, value };
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const [head = '', tail] = halves;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const all = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  if (!all.every((g) => HEXTET.test(g))) return undefined;
  return { version: 6, value: all.reduce((acc, g) => (acc << 16n) + BigInt(`0x${g}`), 0n) };
}

/** A CIDR block, or a single address as its /32 or /128 block. */
export function parseCidr(text: string): (IpValue & { readonly prefix: number }) | undefined {
  const [address = '', prefixText, ...rest] = text.split('/');
  if (rest.length > 0) return undefined;
  const ip = parseIp(address);
  if (!ip) return undefined;
  const width = ip.version === 4 ? 32 : 128;
  if (prefixText === undefined) return { ...ip, prefix: width };
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return prefix > width ? undefined : { ...ip, prefix };
}

const positive = (test: ValueTest, syntax: ValueSyntax): OperatorDefinition => ({
  test,
  negated: false,
  syntax,
});
const negative = (test: ValueTest, syntax: ValueSyntax): OperatorDefinition => ({
  test,
  negated: true,
  syntax,
});

/** Every base operator AWS documents except Null (a presence test), by lower-cased name. */
export const CONDITION_OPERATORS: ReadonlyMap<string, OperatorDefinition> = new Map(
  Object.entries({
    StringEquals: positive(stringEquals, 'literal'),
    StringNotEquals: negative(stringEquals, 'literal'),
    StringEqualsIgnoreCase: positive(stringEqualsIgnoreCase, 'literal'),
    StringNotEqualsIgnoreCase: negative(stringEqualsIgnoreCase, 'literal'),
    StringLike: positive(stringLike, 'glob'),
    StringNotLike: negative(stringLike, 'glob'),
    NumericEquals: positive(
      numeric((p, r) => r === p),
      'plain',
    ),
    NumericNotEquals: negative(
      numeric((p, r) => r === p),
      'plain',
    ),
    NumericLessThan: positive(
      numeric((p, r) => r < p),
      'plain',
    ),
    NumericLessThanEquals: positive(
      numeric((p, r) => r <= p),
      'plain',
    ),
    NumericGreaterThan: positive(
      numeric((p, r) => r > p),
      'plain',
    ),
    NumericGreaterThanEquals: positive(
      numeric((p, r) => r >= p),
      'plain',
    ),
    DateEquals: positive(
      date((p, r) => r === p),
      'plain',
    ),
    DateNotEquals: negative(
      date((p, r) => r === p),
      'plain',
    ),
    DateLessThan: positive(
      date((p, r) => r < p),
      'plain',
    ),
    DateLessThanEquals: positive(
      date((p, r) => r <= p),
      'plain',
    ),
    DateGreaterThan: positive(
      date((p, r) => r > p),
      'plain',
    ),
    DateGreaterThanEquals: positive(
      date((p, r) => r >= p),
      'plain',
    ),
    Bool: positive(bool, 'literal'),
    BinaryEquals: positive(stringEquals, 'plain'),
    IpAddress: positive(ipAddress, 'plain'),
    NotIpAddress: negative(ipAddress, 'plain'),
    ArnEquals: positive(arnLike, 'glob'),
    ArnLike: positive(arnLike, 'glob'),
    ArnNotEquals: negative(arnLike, 'glob'),
    ArnNotLike: negative(arnLike, 'glob'),
  }).map(([name, definition]) => [name.toLowerCase(), definition]),
);
