import { type Diagnostic, diagnostic, type SourceLocation } from '../../model/source.js';
import { IAM_POLICY_TYPE_NAMES } from './iam-resources.js';
import type { Instance } from './instances.js';
import type { RawConfigResource } from './plan-schema.js';
import { RESOURCE_POLICY_TYPE_NAMES } from './resource-policies.js';
import { isSensitive } from './sensitive.js';
import { isRecord } from './values.js';

/**
 * Types whose policy can only narrow access: an endpoint policy limits what passes through the
 * endpoint, and an organization policy (SCP, RCP) limits what the accounts below it may do. Not
 * applying one can only over-report reach, so it is a notice, not an input left uninterpreted.
 */
const LIMITING_POLICY_TYPES: Readonly<Record<string, string>> = {
  aws_vpc_endpoint: 'a VPC endpoint policy only limits what passes through the endpoint',
  aws_vpc_endpoint_policy: 'a VPC endpoint policy only limits what passes through the endpoint',
  aws_organizations_policy:
    'an organization policy only limits the accounts below it; list an SCP under organization.scps to apply it',
};

/** Attribute names that hold a policy document on AWS resource types; an unknown value under one may be a policy. */
const POLICY_ATTRIBUTE_NAMES: ReadonlySet<string> = new Set([
  'policy',
  'assume_role_policy',
  'access_policy',
  'access_policies',
  'inline_policy',
  'resource_policy',
  'policy_document',
]);

const MAX_DEPTH = 6;

/** A place in an instance's values that holds, or may hold, a policy document. */
interface PolicyPlace {
  readonly path: string;
  readonly why: 'document' | 'unknown' | 'sensitive';
}

/** True for an AWS provider's type (aws, awscc): only those carry IAM policies. */
function isAwsType(type: string): boolean {
  return type.startsWith('aws_') || type.startsWith('awscc_');
}

/** True when the tool reads the policies of a type. */
function isInterpreted(type: string): boolean {
  return IAM_POLICY_TYPE_NAMES.has(type) || RESOURCE_POLICY_TYPE_NAMES.has(type);
}

/** A policy document: an object with a `Statement`, or JSON text of one. */
function isPolicyDocument(value: unknown): boolean {
  if (isRecord(value)) return 'Statement' in value;
  if (typeof value !== 'string' || !value.trimStart().startsWith('{')) return false;
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) && 'Statement' in parsed;
  } catch {
    return false;
  }
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** Every place in `values` (and its `after_unknown` marks) that holds or may hold a policy document. */
function policyPlaces(values: unknown, unknown: unknown, path: string, depth: number): PolicyPlace[] {
  const name =
    path
      .replace(/\[\d+\]$/, '')
      .split('.')
      .at(-1) ?? '';
  const named = POLICY_ATTRIBUTE_NAMES.has(name);
  if (unknown === true) return named ? [{ path, why: 'unknown' }] : [];
  if (named && isSensitive(values)) return [{ path, why: 'sensitive' }];
  if (path !== '' && isPolicyDocument(values)) return [{ path, why: 'document' }];
  if (depth >= MAX_DEPTH) return [];
  const entries: [string | number, unknown][] = Array.isArray(values)
    ? values.map((value, index) => [index, value])
    : isRecord(values)
      ? Object.entries(values)
      : [];
  const marks = (key: string | number): unknown =>
    Array.isArray(unknown) && typeof key === 'number'
      ? unknown[key]
      : isRecord(unknown) && typeof key === 'string'
        ? unknown[key]
        : undefined;
  const places = entries.flatMap(([key, value]) =>
    policyPlaces(value, marks(key), join(path, key), depth + 1),
  );
  // an attribute unknown until apply that has no value yet is only in the marks
  if (isRecord(unknown) && !Array.isArray(values)) {
    const present = isRecord(values) ? values : {};
    for (const [key, mark] of Object.entries(unknown))
      if (!(key in present)) places.push(...policyPlaces(undefined, mark, join(path, key), depth + 1));
  }
  return places;
}

/**
 * False when the plan's configuration of the resource leaves the attribute out: the provider computes
 * it (an optional policy nobody set), so it is not a policy the configuration gives.
 */
function isConfigured(expressions: Readonly<Record<string, unknown>> | undefined, path: string): boolean {
  if (expressions === undefined) return true;
  const [attribute = ''] = path.split(/[.[]/);
  return attribute in expressions;
}

const REASON: Readonly<Record<PolicyPlace['why'], string>> = {
  document: 'holds a policy document',
  unknown: 'may hold a policy document, unknown until apply',
  sensitive: 'may hold a policy document, marked sensitive',
};

/**
 * A diagnostic for each policy the reader does not interpret, in the world after the plan: a resource
 * of an AWS type it does not read whose attribute holds a policy document (JSON with a `Statement`),
 * or whose policy-named attribute (`policy`, `assume_role_policy`, `access_policies` …) is sensitive,
 * or unknown until apply and configured (or the plan shows no configuration of the resource). What
 * such a policy grants is not in the analysis.
 */
export function uninterpretedPolicies(
  after: readonly Instance[],
  sourceOf: (instance: Instance) => SourceLocation,
  configOf: (instance: Instance) => RawConfigResource | undefined = () => undefined,
): Diagnostic[] {
  return after.flatMap((instance) => {
    const { type, mode } = instance.at;
    if (mode !== 'managed' || !isAwsType(type) || isInterpreted(type)) return [];
    const expressions = configOf(instance)?.expressions;
    const places = policyPlaces(instance.values, instance.unknown, '', 0).filter(
      (place) => place.why !== 'unknown' || isConfigured(expressions, place.path),
    );
    const limiting = LIMITING_POLICY_TYPES[type];
    return places.map((place) =>
      limiting === undefined
        ? diagnostic(
            'plan.uninterpreted-policy',
            `${instance.address}: ${place.path} ${REASON[place.why]}, but this tool does not interpret ${type}; what it grants is not analysed`,
            sourceOf(instance),
          )
        : diagnostic(
            'plan.limiting-policy-not-applied',
            `${instance.address}: ${place.path} ${REASON[place.why]} that is not applied; ${limiting}`,
            sourceOf(instance),
          ),
    );
  });
}
