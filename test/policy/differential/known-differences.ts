import type { Catalog } from '../../../src/policy/catalog.js';
import { KEYS } from './conditions.js';
import { ourEngine, simulate } from './engines.js';
import type {
  Decision,
  DiffRequest,
  PolicySet,
  RawCondition,
  RawStatement,
  RequestContext,
  SimulatorOutcome,
} from './types.js';

/** One request on which the two engines decide differently. */
export interface Disagreement {
  readonly set: PolicySet;
  readonly request: DiffRequest;
  readonly ours: Decision;
  readonly theirs: Decision;
}

/**
 * - `ours-right`: iam-simulate deviates from documented AWS behaviour (or answers a question AWS
 *   cannot be asked); our engine stays as it is, and a passing case in
 *   cases/differential-ours-right.json pins our answer.
 * - `theirs-right`: our engine is wrong; a failing case in cases/differential-regressions.json
 *   reproduces it for the lead, and the entry goes once the engine is fixed.
 */
export type Verdict = 'ours-right' | 'theirs-right';

/**
 * What iam-simulate is asked in a probe: the policy set and the request (its context may be
 * respelt), plus resource-policy statements that the differential itself never sends (a probe adds
 * them to model what our engine assumes).
 */
export interface ProbeInput {
  readonly set: PolicySet;
  readonly request: DiffRequest;
  readonly resourcePolicyStatements: readonly unknown[];
}

/**
 * A class of disagreement that has been triaged. It is recognised by its mechanism, not by its
 * symptoms, in one of two ways:
 * - `correct`: a rewrite of iam-simulate's input into what our engine models (adding the resource
 *   policy AWS would require, spelling a pattern the way iam-simulate reads it). The class explains
 *   a disagreement when, after the rewrite (alone or together with one other class's), our answer
 *   is unchanged and iam-simulate's becomes equal to it. An unrelated difference that merely shares
 *   the symptom does not vanish, so it is never swallowed.
 * - `recognise`: a check of the mechanism itself, for classes no input rewrite can show.
 */
export interface KnownDifference {
  readonly id: string;
  readonly title: string;
  readonly verdict: Verdict;
  readonly docs: readonly string[];
  /** The JSON case (file#name) that pins the right answer. */
  readonly pinnedBy: string;
  /** A cheap precondition: can this class be involved at all? */
  applies(d: Disagreement): boolean;
  correct?(input: ProbeInput, d: Disagreement): ProbeInput;
  recognise?(d: Disagreement, catalog: Catalog): boolean;
}

async function theirsOn(input: ProbeInput): Promise<Decision | undefined> {
  const resourcePolicy =
    input.resourcePolicyStatements.length === 0
      ? undefined
      : { Version: '2012-10-17', Statement: input.resourcePolicyStatements };
  const outcome: SimulatorOutcome = await simulate(
    input.set,
    input.request,
    resourcePolicy === undefined ? {} : { resourcePolicy },
  );
  return outcome.kind === 'decision' ? outcome.decision : undefined;
}

/** Rewrites every Resource/NotResource value of every statement (identity and boundary). */
function rewriteResources(input: ProbeInput, rewrite: (pattern: string) => string): ProbeInput {
  const statement = (s: RawStatement): RawStatement => ({
    ...s,
    ...(s.Resource ? { Resource: s.Resource.map(rewrite) } : {}),
    ...(s.NotResource ? { NotResource: s.NotResource.map(rewrite) } : {}),
  });
  const policies = (list: PolicySet['identity']) =>
    list.map((p) => ({ ...p, document: { ...p.document, Statement: p.document.Statement.map(statement) } }));
  const set = input.set;
  return {
    ...input,
    set: {
      ...set,
      identity: policies(set.identity),
      ...(set.boundary ? { boundary: policies(set.boundary) } : {}),
    },
  };
}

/**
 * Rewrites every Condition element of every statement (identity and boundary): `rewrite` gets each
 * operator's key and values and returns the values to keep, or undefined to drop the test.
 */
function rewriteConditions(
  input: ProbeInput,
  rewrite: (operator: string, key: string, values: readonly string[]) => readonly string[] | undefined,
): ProbeInput {
  const condition = (c: RawCondition): RawCondition =>
    Object.fromEntries(
      Object.entries(c).map(([operator, keys]) => [
        operator,
        Object.fromEntries(
          Object.entries(keys).flatMap(([key, values]) => {
            const kept = rewrite(operator, key, values);
            return kept === undefined ? [] : [[key, kept]];
          }),
        ),
      ]),
    );
  const statement = (s: RawStatement): RawStatement =>
    s.Condition ? { ...s, Condition: condition(s.Condition) } : s;
  const policies = (list: PolicySet['identity']) =>
    list.map((p) => ({ ...p, document: { ...p.document, Statement: p.document.Statement.map(statement) } }));
  const set = input.set;
  return {
    ...input,
    set: {
      ...set,
      identity: policies(set.identity),
      ...(set.boundary ? { boundary: policies(set.boundary) } : {}),
    },
  };
}

function conditionTests(set: PolicySet): { operator: string; key: string; values: readonly string[] }[] {
  return [...set.identity, ...(set.boundary ?? [])].flatMap((p) =>
    p.document.Statement.flatMap((s) =>
      Object.entries(s.Condition ?? {}).flatMap(([operator, keys]) =>
        Object.entries(keys).map(([key, values]) => ({ operator, key, values })),
      ),
    ),
  );
}

/** The base operator: `ForAnyValue:DateLessThanIfExists` -> `datelessthan`. */
function baseOperator(operator: string): string {
  return operator
    .replace(/^For(Any|All)Values?:/i, '')
    .replace(/IfExists$/i, '')
    .toLowerCase();
}

const EPOCH = /^\d+$/;
const isoOf = (epochSeconds: string) => new Date(Number(epochSeconds) * 1000).toISOString();
const DATE_KEYS = new Set(KEYS.filter((k) => k.type === 'Date').map((k) => k.key.toLowerCase()));

function rewriteContext(
  input: ProbeInput,
  rewrite: (key: string, value: string | readonly string[]) => string | readonly string[],
): ProbeInput {
  const context: RequestContext = Object.fromEntries(
    Object.entries(input.request.context ?? {}).map(([k, v]) => [k, rewrite(k, v)]),
  );
  return { ...input, request: { ...input.request, context } };
}

/** A literal value of the operator's type that no generated request value equals or is like. */
function nothingLike(operator: string): string {
  return baseOperator(operator).startsWith('arn')
    ? 'arn:aws:iam::000000000000:user/no-request-value-is-this'
    : 'no-request-value-is-this';
}

/** True when a value has a variable (not `${*}` and the like) whose key is missing and has no default. */
function hasNullVariable(value: string, request: DiffRequest): boolean {
  return [...value.matchAll(/\$\{([^}]*)\}/g)].some(([, inner = '']) => {
    if (['*', '?', '$'].includes(inner) || inner.includes(',')) return false;
    const found = contextValue(request, inner.trim());
    return found === undefined || typeof found !== 'string';
  });
}

function isBareIp(value: string): boolean {
  return /^[0-9a-fA-F:.]+$/.test(value) && /[.:]/.test(value);
}

function contextValue(request: DiffRequest, key: string): string | readonly string[] | undefined {
  const entry = Object.entries(request.context ?? {}).find(([k]) => k.toLowerCase() === key.toLowerCase());
  return entry?.[1];
}

function contextHasKey(request: DiffRequest, key: string): boolean {
  return contextValue(request, key) !== undefined;
}

function resourceValues(set: PolicySet): string[] {
  return [...set.identity, ...(set.boundary ?? [])].flatMap((p) =>
    p.document.Statement.flatMap((s) => [...(s.Resource ?? []), ...(s.NotResource ?? [])]),
  );
}

function isShortArn(pattern: string): boolean {
  return !/^\*+$/.test(pattern) && pattern.split(':').length < 6;
}

function hasWildcardProduct(pattern: string): boolean {
  const product = simulatorProductSegment(pattern);
  return product !== undefined && /[*?]/.test(product);
}

/**
 * IAM's documented matching of a Resource value against a concrete ARN, written independently of
 * both engines: six colon-separated segments (a short value padded with `*`), the first five
 * compared case-insensitively, the resource part case-sensitively; `*` any run (it spans `/`, and
 * `:` inside the resource part), `?` one character.
 */
export function iamResourceMatches(pattern: string, arn: string): boolean {
  if (/^\*+$/.test(pattern)) return true;
  const p = splitSix(pattern);
  const a = splitSix(arn, '');
  return p.every((segment, i) => globRegex(segment, i < 5).test(a[i] ?? ''));
}

function splitSix(text: string, pad = '*'): string[] {
  const parts = text.split(':');
  const six = [...parts.slice(0, 5), ...(parts.length > 5 ? [parts.slice(5).join(':')] : [])];
  while (six.length < 6) six.push(pad);
  return six;
}

function globRegex(glob: string, ignoreCase: boolean): RegExp {
  const body = glob
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
}

/**
 * The part of a Resource value's resource segment that iam-simulate requires to be a literal
 * prefix of the request (its getResourceSegments: through the first `/` or `:`, nothing for S3
 * ARNs without region and account).
 */
export function simulatorProductSegment(pattern: string): string | undefined {
  const parts = pattern.split(':');
  if (parts.length < 6) return undefined;
  const resource = parts.slice(5).join(':');
  if (parts[2] === 's3' && parts[3] === '' && parts[4] === '') return '';
  const cut = [resource.indexOf('/'), resource.indexOf(':')].filter((i) => i >= 0);
  return cut.length === 0 ? '' : resource.slice(0, Math.min(...cut) + 1);
}

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    id: 'kms-key-without-key-policy',
    title:
      'A KMS key with no key policy at all (iam-simulate) versus one whose key policy enables IAM policies (ours)',
    verdict: 'ours-right',
    docs: [
      'https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html',
      'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html',
    ],
    pinnedBy:
      'differential-ours-right.json#IAM policies apply to a KMS key (its default key policy enables them)',
    applies: (d) => {
      const parts = d.request.resource.split(':');
      return parts[2] === 'kms' && (parts[5] ?? '').toLowerCase().startsWith('key/');
    },
    // The default key policy: the owning account may use IAM policies for every KMS operation.
    correct: (input, d) => ({
      ...input,
      resourcePolicyStatements: [
        ...input.resourcePolicyStatements,
        {
          Sid: 'Enable IAM User Permissions',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${d.request.accountId}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    }),
  },
  {
    id: 'wildcard-before-first-separator',
    title:
      'A wildcard before the first / or : of the resource part (wafv2 `*/webacl/*`, `secret:x` matched by `*:*`)',
    verdict: 'ours-right',
    docs: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards',
    ],
    pinnedBy: 'differential-ours-right.json#a wildcard may stand before the first slash of the resource part',
    applies: (d) =>
      resourceValues(d.set).some((p) => hasWildcardProduct(p) && iamResourceMatches(p, d.request.resource)),
    // Each such pattern that matches the request becomes the request ARN itself: the same answer
    // under IAM's rules, in a form iam-simulate reads.
    correct: (input, d) =>
      rewriteResources(input, (p) =>
        hasWildcardProduct(p) && iamResourceMatches(p, d.request.resource) ? d.request.resource : p,
      ),
  },
  {
    id: 'short-arn',
    title:
      'A Resource/NotResource ARN with fewer than six segments (an error for IAM policy validation; iam-simulate never inverts its mismatch)',
    verdict: 'ours-right',
    docs: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-missing-arn-field',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html',
    ],
    pinnedBy: 'differential-ours-right.json#a short ARN in NotResource is padded with *',
    applies: (d) => resourceValues(d.set).some(isShortArn),
    // Each short ARN spelt out with `*` segments: what both engines say a short ARN means.
    correct: (input) =>
      rewriteResources(input, (p) =>
        isShortArn(p) ? [...p.split(':'), '*', '*', '*', '*', '*'].slice(0, 6).join(':') : p,
      ),
  },
  {
    id: 'date-epoch-seconds',
    title:
      'A Date condition comparing epoch seconds with an ISO 8601 date (iam-simulate reads epoch values as milliseconds)',
    verdict: 'ours-right',
    docs: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date',
    ],
    pinnedBy:
      'differential-ours-right.json#a Date condition in epoch seconds compares with an ISO 8601 request time',
    applies: (d) => conditionTests(d.set).some((t) => baseOperator(t.operator).startsWith('date')),
    // Every epoch value (policy and context) spelt as its ISO 8601 instant: the same time for AWS.
    correct: (input) =>
      rewriteContext(
        rewriteConditions(input, (operator, _key, values) =>
          baseOperator(operator).startsWith('date')
            ? values.map((v) => (EPOCH.test(v) ? isoOf(v) : v))
            : values,
        ),
        (key, value) =>
          DATE_KEYS.has(key.toLowerCase()) && typeof value === 'string' && EPOCH.test(value)
            ? isoOf(value)
            : value,
      ),
  },
  {
    id: 'ipv4-slash-zero',
    title:
      'The IPv4 block 0.0.0.0/0 (iam-simulate builds its mask with a 32-bit shift, so /0 matches 0.0.0.0 only)',
    verdict: 'ours-right',
    docs: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress',
    ],
    pinnedBy: 'differential-ours-right.json#IpAddress 0.0.0.0/0 takes in every IPv4 address',
    applies: (d) => conditionTests(d.set).some((t) => t.values.includes('0.0.0.0/0')),
    // Its two halves: the same addresses, with masks iam-simulate computes right.
    correct: (input) =>
      rewriteConditions(input, (operator, _key, values) =>
        /ipaddress$/.test(baseOperator(operator))
          ? values.flatMap((v) => (v === '0.0.0.0/0' ? ['0.0.0.0/1', '128.0.0.0/1'] : [v]))
          : values,
      ),
  },
  {
    id: 'bare-ip-against-other-version',
    title:
      'A single address (no /32 or /128) in NotIpAddress against a request address of the other IP version (iam-simulate: neither in nor out)',
    verdict: 'ours-right',
    docs: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress',
    ],
    pinnedBy: 'differential-ours-right.json#NotIpAddress with one IPv4 address holds for an IPv6 source',
    applies: (d) => conditionTests(d.set).some((t) => t.values.some(isBareIp)),
    // The address as its /32 or /128 block: the same one address.
    correct: (input) =>
      rewriteConditions(input, (operator, _key, values) =>
        /ipaddress$/.test(baseOperator(operator))
          ? values.map((v) => (isBareIp(v) ? `${v}/${v.includes(':') ? 128 : 32}` : v))
          : values,
      ),
  },
  {
    id: 'set-operator-ifexists-on-missing-key',
    title:
      'ForAnyValue:…IfExists on a key the request lacks (IfExists makes a missing key true; iam-simulate ignores IfExists after a set operator)',
    verdict: 'ours-right',
    docs: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists',
    ],
    pinnedBy: 'differential-ours-right.json#ForAnyValue:StringEqualsIfExists holds when the key is missing',
    applies: (d) =>
      conditionTests(d.set).some(
        (t) => /^ForAnyValue:.*IfExists$/i.test(t.operator) && !contextHasKey(d.request, t.key),
      ),
    // The test holds for a missing key, so it can go from its AND.
    correct: (input, d) =>
      rewriteConditions(input, (operator, key, values) =>
        /^ForAnyValue:.*IfExists$/i.test(operator) && !contextHasKey(d.request, key) ? undefined : values,
      ),
  },
  {
    id: 'negated-operator-null-variable',
    title:
      'A negated string or ARN operator whose value has a policy variable with no value (AWS: the value is null, nothing equals it; iam-simulate: the operator fails, or for ARNs only when the earlier ARN fields match)',
    verdict: 'ours-right',
    docs: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-no-value',
    ],
    pinnedBy: 'differential-ours-right.json#StringNotEquals against a policy variable with no value holds',
    applies: (d) =>
      conditionTests(d.set).some(
        (t) => /not/.test(baseOperator(t.operator)) && t.values.some((v) => hasNullVariable(v, d.request)),
      ),
    // The null value spelt as a literal that no request value equals or is like.
    correct: (input, d) =>
      rewriteConditions(input, (operator, _key, values) =>
        /not/.test(baseOperator(operator))
          ? values.map((v) => (hasNullVariable(v, d.request) ? nothingLike(operator) : v))
          : values,
      ),
  },
  {
    id: 'empty-value-takes-default',
    title:
      "A policy variable with a default (`${aws:PrincipalTag/team, 'payments'}`) whose key is present with an empty value (iam-simulate substitutes the default)",
    verdict: 'ours-right',
    docs: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-default-values',
    ],
    pinnedBy:
      'differential-ours-right.json#a policy variable whose key has an empty value resolves to the empty string',
    applies: (d) =>
      conditionTests(d.set).some((t) => t.values.some((v) => /\$\{[^}]*,\s*'/.test(v))) &&
      Object.values(d.request.context ?? {}).some((v) => v === ''),
    // The variable replaced by its key's value where the key is present: what AWS substitutes then.
    correct: (input, d) =>
      rewriteConditions(input, (_operator, _key, values) =>
        values.map((v) =>
          v.replace(/\$\{\s*([^,}\s]+)\s*,\s*'[^']*'\s*\}/g, (whole, name: string) => {
            const value = contextValue(d.request, name);
            return typeof value === 'string' && !/[*?$]/.test(value) ? value : whole;
          }),
        ),
      ),
  },
];

/** The non-empty subsets of at most `size` items, smallest first, each in list order. */
function subsetsUpTo<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  const extend = (subset: T[], from: number) => {
    if (subset.length > 0) out.push(subset);
    if (subset.length === size) return;
    items.slice(from).forEach((item, i) => {
      extend([...subset, item], from + i + 1);
    });
  };
  extend([], 0);
  return out.sort((a, b) => a.length - b.length);
}

/**
 * The known differences that explain a disagreement: one recognised class, or up to three
 * corrections that together make iam-simulate agree while our answer stays the same. Empty when
 * nothing explains it: an untriaged finding.
 */
export async function classify(d: Disagreement, catalog: Catalog): Promise<readonly KnownDifference[]> {
  const candidates = KNOWN_DIFFERENCES.filter((k) => k.applies(d));
  for (const k of candidates) if (k.recognise?.(d, catalog)) return [k];
  const correctable = candidates.filter((k) => k.correct !== undefined);
  const combinations = subsetsUpTo(correctable, 3);
  for (const combination of combinations) {
    let input: ProbeInput = { set: d.set, request: d.request, resourcePolicyStatements: [] };
    for (const k of combination) input = k.correct?.(input, d) ?? input;
    // Corrections that only add resource-policy statements cannot change our answer.
    const respelt = input.set !== d.set || input.request !== d.request;
    if (respelt && ourEngine(catalog, input.set)(input.request) !== d.ours) continue;
    if ((await theirsOn(input)) === d.ours) return combination;
  }
  return [];
}
