import type { Catalog } from '../../../src/policy/catalog.js';
import { ourEngine, simulate } from './engines.js';
import type { Decision, DiffRequest, PolicySet, RawStatement, SimulatorOutcome } from './types.js';

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
 * What iam-simulate is asked in a probe: the policy set, plus resource-policy statements that the
 * differential itself never sends (a probe adds them to model what our engine assumes).
 */
export interface ProbeInput {
  readonly set: PolicySet;
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

async function theirsOn(input: ProbeInput, request: DiffRequest): Promise<Decision | undefined> {
  const resourcePolicy =
    input.resourcePolicyStatements.length === 0
      ? undefined
      : { Version: '2012-10-17', Statement: input.resourcePolicyStatements };
  const outcome: SimulatorOutcome = await simulate(
    input.set,
    request,
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
];

/**
 * The known differences that explain a disagreement: one recognised class, or one or two
 * corrections that together make iam-simulate agree while our answer stays the same. Empty when
 * nothing explains it: an untriaged finding.
 */
export async function classify(d: Disagreement, catalog: Catalog): Promise<readonly KnownDifference[]> {
  const candidates = KNOWN_DIFFERENCES.filter((k) => k.applies(d));
  for (const k of candidates) if (k.recognise?.(d, catalog)) return [k];
  const correctable = candidates.filter((k) => k.correct !== undefined);
  const combinations: KnownDifference[][] = [
    ...correctable.map((k) => [k]),
    ...correctable.flatMap((a, i) => correctable.slice(i + 1).map((b) => [a, b])),
  ];
  for (const combination of combinations) {
    let input: ProbeInput = { set: d.set, resourcePolicyStatements: [] };
    for (const k of combination) input = k.correct?.(input, d) ?? input;
    // Corrections that only add resource-policy statements cannot change our answer.
    if (input.set !== d.set && ourEngine(catalog, input.set)(d.request) !== d.ours) continue;
    if ((await theirsOn(input, d.request)) === d.ours) return combination;
  }
  return [];
}
