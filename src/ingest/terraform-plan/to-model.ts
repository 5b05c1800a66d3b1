import type { PlanModel } from '../../model/plan.js';
import type { Resource } from '../../model/resource.js';
import { type Diagnostic, diagnostic } from '../../model/source.js';
import { redactSecretKeysIn } from '../../redact.js';
import { resolveAwsManagedPolicy } from '../aws-managed-policies/resolve-aws-managed-policy.js';
import { type ResolveAwsManagedPolicy, withAwsManagedPolicies } from './aws-managed.js';
import { buildChanges } from './changes.js';
import { collectWorlds } from './instances.js';
import { buildInventory } from './inventory.js';
import { orderDiagnostics, sortByKeys } from './ordering.js';
import { parsePlan } from './parse-plan.js';
import { detectPlanContext, type PlanOptions } from './plan-context.js';
import { createResolver } from './references.js';
import { maskPlan } from './sensitive.js';
import { uninterpretedPolicies } from './uninterpreted-policies.js';

export type { PlanOptions } from './plan-context.js';

function byAddress(resources: readonly Resource[]): Map<string, Resource> {
  return new Map(
    resources.flatMap((resource) => (resource.address === undefined ? [] : [[resource.address, resource]])),
  );
}

/**
 * The pure part of reading a plan: validates it, masks every sensitive value and redacts every
 * secret-shaped string, and builds the worlds before and after it and the changes between them.
 * AWS managed policies stay ARNs here.
 */
export function buildPlanModel(raw: unknown, file: string, options: PlanOptions = {}): PlanModel {
  const parsed = parsePlan(redactSecretKeysIn(raw), file);
  const plan = maskPlan(parsed.plan);
  const worlds = collectWorlds(plan);
  const detected = detectPlanContext([...worlds.before, ...worlds.after], plan, options, file);
  const before = buildInventory(plan, worlds.before, detected.context, file, false, options.locate);
  const after = buildInventory(plan, worlds.after, detected.context, file, true, options.locate);
  const { changes, diagnostics } = buildChanges(
    plan.resource_changes ?? [],
    byAddress(before.resources),
    byAddress(after.resources),
    file,
  );
  const unreadable: Diagnostic[] = worlds.unreadable.map(({ address, path }) =>
    diagnostic(
      'plan.unreadable-address',
      `"${address}" is not a resource address this tool can read; the resource is left out`,
      { file, path },
    ),
  );
  return {
    file,
    formatVersion: plan.format_version,
    ...(plan.terraform_version === undefined ? {} : { terraformVersion: plan.terraform_version }),
    before,
    after,
    changes: sortByKeys(changes, (change) => [change.address, change.source.path ?? '']),
    diagnostics: orderDiagnostics([
      ...parsed.diagnostics,
      ...uninterpretedPolicies(
        worlds.after,
        (instance) => options.locate?.(instance.path) ?? { file, path: instance.path },
        createResolver(plan, worlds.after, true).configOf,
      ),
      ...detected.diagnostics,
      ...unreadable,
      ...diagnostics,
      ...before.diagnostics,
      ...after.diagnostics,
    ]),
  };
}

/** A plan's JSON (already parsed) as a PlanModel, with the AWS managed policies it uses resolved. */
export async function planToModel(
  raw: unknown,
  file: string,
  options: PlanOptions = {},
  resolve: ResolveAwsManagedPolicy = resolveAwsManagedPolicy,
): Promise<PlanModel> {
  return withAwsManagedPolicies(buildPlanModel(raw, file, options), resolve);
}
