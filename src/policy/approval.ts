import type { ConditionMap } from '../model/policy.js';
import type { ActionSet } from './action-set.js';
import { compileArnPattern } from './arn-pattern.js';
import type { Grant, PrincipalReach } from './reach.js';
import { scopeContains, scopeCovers } from './resource-scope.js';

interface KeyTest {
  /** The operator, lower-cased, without its set prefix and `IfExists` suffix. */
  readonly operator: string;
  readonly ifExists: boolean;
  /** `ForAllValues:` (true when the key is absent) or `ForAnyValue:`. */
  readonly set?: 'all' | 'any';
  readonly key: string;
  readonly values: readonly string[];
  readonly approval: boolean;
}

/** Each test of the condition block, marked when its key is an approval key (compared case-insensitively). */
function keyTests(condition: ConditionMap, approvalKeys: readonly string[]): KeyTest[] {
  const keys = new Set(approvalKeys.map((k) => k.toLowerCase()));
  return Object.entries(condition).flatMap(([operator, byKey]) => {
    let rest = operator.toLowerCase();
    const set = rest.startsWith('forallvalues:')
      ? 'all'
      : rest.startsWith('foranyvalue:')
        ? 'any'
        : undefined;
    if (set) rest = rest.slice(rest.indexOf(':') + 1);
    const ifExists = rest.endsWith('ifexists');
    if (ifExists) rest = rest.slice(0, -'ifexists'.length);
    return Object.entries(byKey).map(([key, values]) => ({
      operator: rest,
      ifExists,
      ...(set ? { set } : {}),
      key: key.toLowerCase(),
      values,
      approval: keys.has(key.toLowerCase()),
    }));
  });
}

const isTrue = (values: readonly string[]) =>
  values.length > 0 && values.every((v) => v.toLowerCase() === 'true');
const negated = (test: KeyTest) => test.operator.includes('not');

/**
 * True when a condition block on an Allow (or a trust statement) fails for a request made without
 * approval: some test on an approval key needs the key present with an approving value. Tests that
 * pass when the key is absent do not gate: `…IfExists`, `Null`, negated operators
 * (`StringNotEquals`) and `ForAllValues:`; `Bool` gates only when it asks for `true`.
 */
export function requiresApproval(
  condition: ConditionMap | undefined,
  approvalKeys: readonly string[],
): boolean {
  if (!condition) return false;
  return keyTests(condition, approvalKeys).some((test) => {
    if (!test.approval || test.ifExists || test.set === 'all' || test.operator === 'null' || negated(test)) {
      return false;
    }
    return test.operator === 'bool' ? isTrue(test.values) : true;
  });
}

const MFA_PRESENT = 'aws:multifactorauthpresent';

/**
 * True when a condition block on a Deny matches every request made without approval (the "deny
 * unless MFA" pattern): every test is on an approval key (a test on another key narrows the Deny)
 * and holds both when the key is absent and when it carries a non-approving value:
 * `BoolIfExists false`, `Null true`, a negated operator (`StringNotEquals`, `ArnNotLike` …) or a
 * `…IfExists` `NumericGreaterThan[Equals]` (an MFA too old). `Bool false` without `IfExists`
 * counts for role sessions, which always carry aws:MultiFactorAuthPresent, not for IAM users,
 * whose long-term keys do not; `Null true` on aws:MultiFactorAuthPresent only for users.
 */
export function deniesWithoutApproval(
  condition: ConditionMap | undefined,
  approvalKeys: readonly string[],
  principalIsRole: boolean,
): boolean {
  if (!condition) return false;
  const tests = keyTests(condition, approvalKeys);
  return (
    tests.length > 0 && tests.every((test) => test.approval && holdsWithoutApproval(test, principalIsRole))
  );
}

function holdsWithoutApproval(test: KeyTest, principalIsRole: boolean): boolean {
  if (test.operator === 'bool') {
    return test.values.some((v) => v.toLowerCase() === 'false') && (test.ifExists || principalIsRole);
  }
  if (test.operator === 'null') return isTrue(test.values) && !(test.key === MFA_PRESENT && principalIsRole);
  if (negated(test)) return true;
  return test.operator.startsWith('numericgreaterthan') && test.ifExists;
}

/**
 * The actions of `actions` that the grant allows without a human approval gate: none when the grant
 * itself requires approval; otherwise minus what a Deny matching every unapproved request (the
 * "deny unless MFA" pattern) covers: on `on` (resource ARNs or patterns) when given, else on all of
 * the grant's resources.
 */
export function ungatedActions(
  grant: Grant,
  actions: ActionSet,
  reach: PrincipalReach,
  approvalKeys: readonly string[],
  on?: readonly string[],
): ActionSet {
  if (grant.conditions.some((c) => requiresApproval(c, approvalKeys))) return actions.minus(actions);
  const principalIsRole = isRole(reach.principalArn);
  const targets = on?.map(compileArnPattern);
  let rest = actions;
  for (const deny of reach.conditionalDenies) {
    if (
      !deny.actions.intersects(rest) ||
      !deniesWithoutApproval(deny.condition, approvalKeys, principalIsRole)
    ) {
      continue;
    }
    const covers = targets
      ? targets.every((target) => scopeContains(deny.scope, target))
      : grant.scopes.some((scope) => scopeCovers(deny.scope, scope));
    if (covers) rest = rest.minus(deny.actions);
  }
  return rest;
}

function isRole(arn: string): boolean {
  return /^arn:[^:]+:(?:iam|sts)::\d{12}:(?:role|assumed-role)\//.test(arn);
}
