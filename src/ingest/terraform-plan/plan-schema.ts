import { z } from 'zod';

/*
 * Only the fields the reader uses. Objects are not strict: Terraform adds fields within a format
 * major version and providers add attributes. Fields not listed here are dropped by the parse, so
 * values the reader never uses (outputs, provider schemas, drift) never reach the model.
 */

/** A resource's attribute values; each value is narrowed where it is read. */
const attributesSchema = z.record(z.string(), z.unknown());

const changeSchema = z.object({
  actions: z.array(z.string()),
  before: attributesSchema.nullable().optional(),
  after: attributesSchema.nullable().optional(),
  /** `true` leaves (or subtrees) mark values known only after apply. */
  after_unknown: z.unknown().optional(),
  /** `true` leaves (or subtrees) mark sensitive values. */
  before_sensitive: z.unknown().optional(),
  after_sensitive: z.unknown().optional(),
  replace_paths: z.array(z.array(z.union([z.string(), z.number()]))).optional(),
});

const resourceChangeSchema = z.object({
  address: z.string(),
  module_address: z.string().optional(),
  mode: z.string(),
  type: z.string(),
  name: z.string(),
  index: z.union([z.number(), z.string()]).optional(),
  deposed: z.string().optional(),
  change: changeSchema,
  action_reason: z.string().optional(),
});

const stateResourceSchema = z.object({
  address: z.string(),
  mode: z.string(),
  type: z.string(),
  name: z.string(),
  index: z.union([z.number(), z.string()]).optional(),
  values: attributesSchema.optional(),
  sensitive_values: z.unknown().optional(),
});

export interface RawStateModule {
  readonly address?: string | undefined;
  readonly resources?: readonly z.infer<typeof stateResourceSchema>[] | undefined;
  readonly child_modules?: readonly RawStateModule[] | undefined;
}

const stateModuleSchema: z.ZodType<RawStateModule> = z.object({
  address: z.string().optional(),
  resources: z.array(stateResourceSchema).optional(),
  get child_modules() {
    return z.array(stateModuleSchema).optional();
  },
});

const expressionsSchema = z.record(z.string(), z.unknown());

const configResourceSchema = z.object({
  address: z.string(),
  mode: z.string(),
  type: z.string(),
  name: z.string(),
  provider_config_key: z.string().optional(),
  expressions: expressionsSchema.optional(),
  for_each_expression: z.unknown().optional(),
});

const configVariableSchema = z.object({
  default: z.unknown().optional(),
  sensitive: z.boolean().optional(),
});

const configOutputSchema = z.object({
  expression: z.unknown().optional(),
  sensitive: z.boolean().optional(),
});

export interface RawConfigModule {
  readonly resources?: readonly RawConfigResource[] | undefined;
  readonly module_calls?: Readonly<Record<string, RawModuleCall>> | undefined;
  readonly variables?: Readonly<Record<string, z.infer<typeof configVariableSchema>>> | undefined;
  readonly outputs?: Readonly<Record<string, z.infer<typeof configOutputSchema>>> | undefined;
}

export interface RawModuleCall {
  readonly expressions?: Readonly<Record<string, unknown>> | undefined;
  readonly for_each_expression?: unknown;
  readonly module?: RawConfigModule | undefined;
}

const configModuleSchema: z.ZodType<RawConfigModule> = z.object({
  resources: z.array(configResourceSchema).optional(),
  get module_calls() {
    return z.record(z.string(), moduleCallSchema).optional();
  },
  variables: z.record(z.string(), configVariableSchema).optional(),
  outputs: z.record(z.string(), configOutputSchema).optional(),
});

const moduleCallSchema: z.ZodType<RawModuleCall> = z.object({
  expressions: expressionsSchema.optional(),
  for_each_expression: z.unknown().optional(),
  get module() {
    return configModuleSchema.optional();
  },
});

const providerConfigSchema = z.object({
  name: z.string().optional(),
  expressions: expressionsSchema.optional(),
});

export const planSchema = z.object({
  format_version: z.string(),
  terraform_version: z.string().optional(),
  variables: z.record(z.string(), z.object({ value: z.unknown().optional() })).optional(),
  planned_values: z.object({ root_module: stateModuleSchema.optional() }).optional(),
  resource_changes: z.array(resourceChangeSchema).optional(),
  prior_state: z
    .object({ values: z.object({ root_module: stateModuleSchema.optional() }).optional() })
    .optional(),
  configuration: z
    .object({
      provider_config: z.record(z.string(), providerConfigSchema).optional(),
      root_module: configModuleSchema.optional(),
    })
    .optional(),
});

export type RawPlan = z.infer<typeof planSchema>;
export type RawResourceChange = z.infer<typeof resourceChangeSchema>;
export type RawStateResource = z.infer<typeof stateResourceSchema>;
export type RawConfigResource = z.infer<typeof configResourceSchema>;
export type RawConfiguration = NonNullable<RawPlan['configuration']>;

/** A configuration expression: a constant, or the references Terraform found in it. */
export const expressionSchema = z.object({
  constant_value: z.unknown().optional(),
  references: z.array(z.string()).optional(),
});

export type RawExpression = z.infer<typeof expressionSchema>;
