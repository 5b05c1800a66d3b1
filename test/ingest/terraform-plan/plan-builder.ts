/** Small hand-written Terraform JSON plans for unit tests. */

import { formatModules, parseInstanceAddress } from '../../../src/ingest/terraform-plan/address.js';

type Json = Record<string, unknown>;

export const ACCOUNT = '111122223333';
export const FILE = 'plan.json';

export interface ChangeOptions {
  readonly before?: Json | null;
  readonly after?: Json | null;
  readonly afterUnknown?: Json;
  readonly beforeSensitive?: unknown;
  readonly afterSensitive?: unknown;
  readonly actionReason?: string;
  readonly replacePaths?: (string | number)[][];
}

/** One `resource_changes` entry; mode, type, name, index and module_address come from the address. */
export function resourceChange(address: string, actions: string[], options: ChangeOptions = {}): Json {
  const at = parseInstanceAddress(address);
  if (at === undefined) throw new Error(`bad address in test: ${address}`);
  const moduleAddress = formatModules(at.modules);
  return {
    address,
    ...(moduleAddress === '' ? {} : { module_address: moduleAddress }),
    mode: at.mode,
    type: at.type,
    name: at.name,
    ...(at.key === undefined ? {} : { index: at.key }),
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: {
      actions,
      before: options.before ?? null,
      after: options.after ?? null,
      after_unknown: options.afterUnknown ?? {},
      before_sensitive: options.beforeSensitive ?? false,
      after_sensitive: options.afterSensitive ?? {},
      ...(options.replacePaths === undefined ? {} : { replace_paths: options.replacePaths }),
    },
    ...(options.actionReason === undefined ? {} : { action_reason: options.actionReason }),
  };
}

export function create(
  address: string,
  after: Json,
  afterUnknown: Json = {},
  extra: ChangeOptions = {},
): Json {
  return resourceChange(address, ['create'], { after, afterUnknown, ...extra });
}

/** A configuration resource block (`address` is module-relative, e.g. `aws_iam_role.r`). */
export function configResource(address: string, expressions: Json = {}, extra: Json = {}): Json {
  const at = parseInstanceAddress(address);
  if (at === undefined) throw new Error(`bad address in test: ${address}`);
  return {
    address,
    mode: at.mode,
    type: at.type,
    name: at.name,
    provider_config_key: 'aws',
    expressions,
    ...extra,
  };
}

export const refs = (...references: string[]) => ({ references });
export const constant = (value: unknown) => ({ constant_value: value });

export interface PlanParts {
  readonly changes?: Json[];
  readonly config?: Json[];
  readonly moduleCalls?: Json;
  readonly variables?: Json;
  readonly rootVariables?: Json;
  readonly priorState?: Json;
  readonly plannedValues?: Json;
  readonly region?: string | null;
  /** false: no provider configuration at all (no region, no allowed_account_ids). */
  readonly provider?: boolean;
}

/** A plan in the account ACCOUNT and region eu-west-1 (set `region: null` to leave the provider region out). */
export function plan(parts: PlanParts = {}): Json {
  const region = parts.region === undefined ? 'eu-west-1' : parts.region;
  return {
    format_version: '1.2',
    terraform_version: '1.9.5',
    ...(parts.variables === undefined ? {} : { variables: parts.variables }),
    planned_values: parts.plannedValues ?? { root_module: {} },
    resource_changes: parts.changes ?? [],
    ...(parts.priorState === undefined ? {} : { prior_state: parts.priorState }),
    configuration: {
      provider_config:
        parts.provider === false
          ? {}
          : {
              aws: {
                name: 'aws',
                expressions: {
                  ...(region === null ? {} : { region: constant(region) }),
                  allowed_account_ids: constant([ACCOUNT]),
                },
              },
            },
      root_module: {
        resources: parts.config ?? [],
        ...(parts.moduleCalls === undefined ? {} : { module_calls: parts.moduleCalls }),
        ...(parts.rootVariables === undefined ? {} : { variables: parts.rootVariables }),
      },
    },
  };
}

export function policyJson(...statements: Json[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

export const ASSUME_EC2 = policyJson({
  Effect: 'Allow',
  Principal: { Service: 'ec2.amazonaws.com' },
  Action: 'sts:AssumeRole',
});

export const READ_S3 = policyJson({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
