import type { RawConfigModule, RawPlan, RawResourceChange, RawStateModule } from './plan-schema.js';
import { hasUnknown, isRecord } from './values.js';

/** What every sensitive value becomes at ingestion; nothing after the mask sees the value itself. */
export const SENSITIVE = '(sensitive)';

export function isSensitive(value: unknown): boolean {
  return value === SENSITIVE;
}

/**
 * Replaces each value that `marks` flags as sensitive by SENSITIVE. `marks` mirrors the value's shape
 * (Terraform's `*_sensitive` and `sensitive_values`): `true` flags a leaf or a whole subtree.
 */
export function maskSensitive(value: unknown, marks: unknown): unknown {
  if (marks === true) return SENSITIVE;
  if (Array.isArray(value) && Array.isArray(marks)) {
    return value.map((item, index) => maskSensitive(item, marks[index]));
  }
  if (isRecord(value) && isRecord(marks)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, maskSensitive(item, marks[key])]),
    );
  }
  return value;
}

function maskAttributes(
  values: Record<string, unknown> | null | undefined,
  marks: unknown,
): Record<string, unknown> | null | undefined {
  if (values === null || values === undefined) return values;
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, maskSensitive(value, markOf(marks, key))]),
  );
}

function maskStateModule(module: RawStateModule): RawStateModule {
  return {
    address: module.address,
    resources: module.resources?.map((resource) => ({
      ...resource,
      values: maskAttributes(resource.values, resource.sensitive_values) ?? undefined,
    })),
    child_modules: module.child_modules?.map(maskStateModule),
  };
}

/** The mark a `*_sensitive` or `after_unknown` tree gives one top-level attribute. */
function markOf(marks: unknown, key: string): unknown {
  return marks === true ? true : isRecord(marks) ? marks[key] : undefined;
}

/**
 * A change's after values, masked. An attribute that is sensitive (in whole or in part) and unknown
 * until apply is kept as what is known of it, masked, and is no longer unknown: the reader does not
 * ask the configuration what a sensitive value will be.
 */
function maskAfter(
  change: RawResourceChange['change'],
): Pick<RawResourceChange['change'], 'after' | 'after_unknown'> {
  const after = maskAttributes(change.after, change.after_sensitive);
  const unknown = change.after_unknown;
  if (after === null || after === undefined || !isRecord(unknown)) return { after, after_unknown: unknown };
  const hidden = Object.keys(unknown).filter(
    // hasUnknown finds a `true` leaf in either tree
    (key) => hasUnknown(unknown[key]) && hasUnknown(markOf(change.after_sensitive, key)),
  );
  if (hidden.length === 0) return { after, after_unknown: unknown };
  return {
    after: { ...after, ...Object.fromEntries(hidden.map((key) => [key, after[key] ?? SENSITIVE])) },
    after_unknown: Object.fromEntries(Object.entries(unknown).filter(([key]) => !hidden.includes(key))),
  };
}

function sensitiveVariables(root: RawConfigModule | undefined): Set<string> {
  return new Set(
    Object.entries(root?.variables ?? {})
      .filter(([, variable]) => variable.sensitive === true)
      .map(([name]) => name),
  );
}

/** The plan with every sensitive resource value, state value and root variable value masked. */
export function maskPlan(plan: RawPlan): RawPlan {
  const secretVariables = sensitiveVariables(plan.configuration?.root_module);
  const mask = (module: RawStateModule | undefined) =>
    module === undefined ? undefined : maskStateModule(module);
  return {
    ...plan,
    variables:
      plan.variables === undefined
        ? undefined
        : Object.fromEntries(
            Object.entries(plan.variables).map(([name, variable]) => [
              name,
              secretVariables.has(name) ? { value: SENSITIVE } : variable,
            ]),
          ),
    resource_changes: plan.resource_changes?.map((rc) => ({
      ...rc,
      change: {
        ...rc.change,
        before: maskAttributes(rc.change.before, rc.change.before_sensitive),
        ...maskAfter(rc.change),
      },
    })),
    planned_values:
      plan.planned_values === undefined ? undefined : { root_module: mask(plan.planned_values.root_module) },
    prior_state:
      plan.prior_state === undefined
        ? undefined
        : { values: { root_module: mask(plan.prior_state.values?.root_module) } },
  };
}
