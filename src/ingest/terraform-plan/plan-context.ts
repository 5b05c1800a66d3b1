import { UNKNOWN_ACCOUNT_ID } from '../../model/inventory.js';
import { compareText } from '../../model/order.js';
import { type Diagnostic, diagnostic, type SourceLocation } from '../../model/source.js';
import { asExpression, providerRegion } from './configuration.js';
import type { Instance } from './instances.js';
import type { RawConfiguration, RawPlan } from './plan-schema.js';

export interface PlanOptions {
  readonly accountId?: string;
  /** The account to assume when the plan itself does not show one (an account snapshot's, with `--account`). */
  readonly fallbackAccountId?: string;
  readonly region?: string;
  /**
   * Where an entry of the plan (by JSON path, `resource_changes[3]`) came from, when the plan was
   * built from something else: HCL mode gives each resource's .tf file and line here.
   */
  readonly locate?: (path: string) => SourceLocation | undefined;
}

/** The account, region and partition the plan describes, used wherever an ARN must be synthesised. */
export interface PlanContext {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  /** The plan's account first, then every other account its resource ARNs name. */
  readonly accountIds: readonly string[];
}

const DEFAULT_REGION = 'us-east-1';

const ARN_PARTS = /^arn:([^:]+):[^:]*:([^:]*):([^:]*):/;
const ACCOUNT_ID = /^\d{12}$/;

interface ArnParts {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

export function parseArnParts(arn: string): ArnParts | undefined {
  const match = ARN_PARTS.exec(arn);
  if (match === null) return undefined;
  const [, partition = '', region = '', account = ''] = match;
  return { partition, region, account };
}

function stringValue(instance: Instance, name: string): string | undefined {
  const value = instance.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** The most frequent value, ties broken by sort order so the result never depends on input order. */
function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort(([a, x], [b, y]) => y - x || compareText(a, b))[0]?.[0];
}

function allowedAccount(configuration: RawConfiguration | undefined): string | undefined {
  const value = asExpression(
    configuration?.provider_config?.aws?.expressions?.allowed_account_ids,
  )?.constant_value;
  const first: unknown = Array.isArray(value) ? value[0] : undefined;
  return typeof first === 'string' && ACCOUNT_ID.test(first) ? first : undefined;
}

/**
 * Learns the account and region from, in order: the options, `data.aws_caller_identity` and
 * `data.aws_region`, the root `aws` provider configuration, then the ARNs the plan already knows.
 * Falls back to `options.fallbackAccountId`, else to a placeholder account and us-east-1, with a
 * diagnostic for each.
 */
export function detectPlanContext(
  instances: readonly Instance[],
  plan: Partial<Pick<RawPlan, 'configuration' | 'variables'>>,
  options: PlanOptions,
  file: string,
): { context: PlanContext; diagnostics: Diagnostic[] } {
  const arns = instances.flatMap((instance) => {
    const arn = stringValue(instance, 'arn');
    const parts = arn === undefined ? undefined : parseArnParts(arn);
    return parts === undefined ? [] : [parts];
  });
  const ofType = (type: string, attribute: string) =>
    instances
      .filter((instance) => instance.at.type === type)
      .flatMap((instance) => stringValue(instance, attribute) ?? []);
  const arnAccounts = arns.map((parts) => parts.account).filter((account) => ACCOUNT_ID.test(account));
  const accountId =
    options.accountId ??
    ofType('aws_caller_identity', 'account_id').find((account) => ACCOUNT_ID.test(account)) ??
    allowedAccount(plan.configuration) ??
    mostCommon(arnAccounts) ??
    options.fallbackAccountId;
  const region =
    options.region ??
    providerRegion(plan, 'aws') ??
    ofType('aws_region', 'name')[0] ??
    ofType('aws_region', 'region')[0] ??
    mostCommon(arns.map((parts) => parts.region).filter((r) => r !== ''));
  const partition = mostCommon(arns.map((parts) => parts.partition)) ?? 'aws';
  const diagnostics: Diagnostic[] = [];
  // a plan without AWS resources synthesises no ARN: not knowing its account weakens nothing
  const hasAwsResources = instances.some((instance) => instance.at.type.startsWith('aws'));
  if (accountId === undefined && hasAwsResources) {
    diagnostics.push(
      diagnostic(
        'plan.account-unknown',
        `the plan does not show its AWS account; synthesised ARNs use ${UNKNOWN_ACCOUNT_ID}`,
        { file },
      ),
    );
  }
  if (region === undefined && hasAwsResources) {
    diagnostics.push(
      diagnostic(
        'plan.region-unknown',
        `the plan does not show its AWS region; synthesised ARNs use ${DEFAULT_REGION}`,
        { file },
      ),
    );
  }
  const account = accountId ?? UNKNOWN_ACCOUNT_ID;
  const others = [...new Set(arnAccounts)].filter((other) => other !== account).sort(compareText);
  return {
    context: {
      accountId: account,
      region: region ?? DEFAULT_REGION,
      partition,
      accountIds: [account, ...others],
    },
    diagnostics,
  };
}
