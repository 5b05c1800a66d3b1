import { formatResourceBase, type InstanceAddress, type ModuleStep } from './address.js';
import {
  expressionSchema,
  type RawConfigModule,
  type RawConfigResource,
  type RawConfiguration,
  type RawExpression,
  type RawModuleCall,
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

/** The region set as a constant on a provider configuration (`provider "aws" { region = "…" }`). */
export function providerRegion(configuration: RawConfiguration | undefined, key: string): string | undefined {
  const value = asExpression(configuration?.provider_config?.[key]?.expressions?.region)?.constant_value;
  return typeof value === 'string' ? value : undefined;
}
