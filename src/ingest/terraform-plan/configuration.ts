import { formatResourceBase, type InstanceAddress, type ModuleStep } from './address.js';
import {
  expressionSchema,
  type RawConfigModule,
  type RawConfigResource,
  type RawExpression,
  type RawModuleCall,
  type RawPlan,
} from './plan-schema.js';
import { isRecord } from './values.js';

/** The configuration of the module a list of module steps leads to (instance keys are ignored). */
export function moduleConfigAt(
  root: RawConfigModule | undefined,
  modules: readonly ModuleStep[],
): RawConfigModule | undefined {
  let module = root;
  for (const step of modules) module = module?.module_calls?.[step.name]?.module;
  return module;
}

/** The `module "x" {}` block that instantiates the last module step. */
export function moduleCallOf(
  root: RawConfigModule | undefined,
  modules: readonly ModuleStep[],
): RawModuleCall | undefined {
  const last = modules.at(-1);
  if (last === undefined) return undefined;
  return moduleConfigAt(root, modules.slice(0, -1))?.module_calls?.[last.name];
}

export function resourceConfigOf(
  root: RawConfigModule | undefined,
  at: InstanceAddress,
): RawConfigResource | undefined {
  const local = formatResourceBase([], at.mode, at.type, at.name);
  return moduleConfigAt(root, at.modules)?.resources?.find((resource) => resource.address === local);
}

export function asExpression(value: unknown): RawExpression | undefined {
  const parsed = expressionSchema.safeParse(value);
  if (!parsed.success) return undefined;
  return parsed.data.constant_value !== undefined || parsed.data.references !== undefined
    ? parsed.data
    : undefined;
}

/** Nested blocks in configuration: a list of attribute -> expression maps (or one map for a single block). */
export function asBlocks(value: unknown): readonly Readonly<Record<string, unknown>>[] {
  if (Array.isArray(value)) return value.filter(isRecord);
  return isRecord(value) && asExpression(value) === undefined ? [value] : [];
}

/**
 * The region set on a provider configuration: a constant (`provider "aws" { region = "…" }`), or a
 * root module variable the plan gives a value (`region = var.region`).
 */
export function providerRegion(
  plan: Partial<Pick<RawPlan, 'configuration' | 'variables'>>,
  key: string,
): string | undefined {
  const expression = asExpression(plan.configuration?.provider_config?.[key]?.expressions?.region);
  const value = expression?.constant_value ?? rootVariableValue(plan, key, expression?.references ?? []);
  return typeof value === 'string' ? value : undefined;
}

function rootVariableValue(
  plan: Partial<Pick<RawPlan, 'configuration' | 'variables'>>,
  key: string,
  references: readonly string[],
): unknown {
  // a module's provider configuration (`module.x:aws`) names that module's variables
  if (key.includes(':') || references.length !== 1) return undefined;
  const name = /^var\.([\w-]+)$/.exec(references[0] ?? '')?.[1];
  if (name === undefined || plan.configuration?.root_module?.variables?.[name]?.sensitive === true)
    return undefined;
  return plan.variables?.[name]?.value;
}
