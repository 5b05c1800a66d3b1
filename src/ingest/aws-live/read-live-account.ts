import {
  type GetAccountAuthorizationDetailsCommandOutput,
  IAMClient,
  paginateGetAccountAuthorizationDetails,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { InternalError } from '../../errors.js';
import {
  AUTHORIZATION_DETAILS_LISTS,
  type AuthorizationDetailsJson,
  plainDetail,
} from './authorization-details.js';
import { type AwsCall, awsError } from './aws-errors.js';

export type { AuthorizationDetailsJson } from './authorization-details.js';

export interface LiveAccountOptions {
  /** A profile of the shared config and credentials files; default: the SDK's credential chain. */
  readonly profile?: string;
  /** The region for STS; IAM is global. Default us-east-1. */
  readonly region?: string;
  /** One endpoint for IAM and STS (LocalStack, a proxy, a test server). */
  readonly endpointUrl?: string;
  /** An audit role to assume before reading the account. */
  readonly roleArn?: string;
  readonly externalId?: string;
  /** One line per step and per page of the account, for a progress display. */
  readonly onProgress?: (message: string) => void;
}

export interface LiveAccount {
  readonly accountId: string;
  /** The ARN the audit reads the account as (the assumed role's session with --role-arn). */
  readonly auditor: string;
  readonly snapshot: AuthorizationDetailsJson;
}

/** The audit role's session credentials, as sts:AssumeRole returns them. */
interface RoleCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

const DEFAULT_REGION = 'us-east-1';
const SESSION_NAME = 'blast-radius-audit';
/**
 * IAM throttles GetAccountAuthorizationDetails on large accounts: the SDK retries throttling and
 * transient errors with backoff, up to this many attempts in all, unless AWS_MAX_ATTEMPTS says otherwise.
 */
const MAX_ATTEMPTS = 6;
const ENTITY_FILTER = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const;

interface Clients {
  readonly sts: STSClient;
  readonly iam: IAMClient;
}

interface Identity {
  readonly account: string;
  readonly arn: string;
}

function clients(options: LiveAccountOptions, credentials?: RoleCredentials): Clients {
  const config = {
    region: options.region ?? DEFAULT_REGION,
    ...(process.env.AWS_MAX_ATTEMPTS === undefined ? { maxAttempts: MAX_ATTEMPTS } : {}),
    ...(options.endpointUrl === undefined ? {} : { endpoint: options.endpointUrl }),
    ...(credentials === undefined
      ? options.profile === undefined
        ? {}
        : { profile: options.profile }
      : { credentials }),
  };
  return { sts: new STSClient(config), iam: new IAMClient(config) };
}

/** Runs one AWS call, turning any failure into one AwsError that names the call. */
async function calling<T>(call: AwsCall, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw awsError(error, call);
  }
}

async function callerIdentity(sts: STSClient, call: Omit<AwsCall, 'action'>): Promise<Identity> {
  const output = await calling({ ...call, action: 'sts:GetCallerIdentity' }, () =>
    sts.send(new GetCallerIdentityCommand({})),
  );
  if (output.Account === undefined || output.Arn === undefined)
    throw new InternalError('sts:GetCallerIdentity returned no account or ARN');
  return { account: output.Account, arn: output.Arn };
}

async function assumeAuditRole(
  sts: STSClient,
  options: LiveAccountOptions & { readonly roleArn: string },
  call: AwsCall,
): Promise<RoleCredentials> {
  const output = await calling(call, () =>
    sts.send(
      new AssumeRoleCommand({
        RoleArn: options.roleArn,
        RoleSessionName: SESSION_NAME,
        ...(options.externalId === undefined ? {} : { ExternalId: options.externalId }),
      }),
    ),
  );
  const credentials = output.Credentials;
  if (credentials?.AccessKeyId === undefined || credentials.SecretAccessKey === undefined)
    throw new InternalError('sts:AssumeRole returned no credentials');
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    ...(credentials.SessionToken === undefined ? {} : { sessionToken: credentials.SessionToken }),
    ...(credentials.Expiration === undefined ? {} : { expiration: credentials.Expiration }),
  };
}

function pageCounts(snapshot: Record<string, unknown[]>): string {
  const count = (list: string, what: string) => `${snapshot[list]?.length ?? 0} ${what}`;
  return [
    count('RoleDetailList', 'roles'),
    count('UserDetailList', 'users'),
    count('GroupDetailList', 'groups'),
    count('Policies', 'managed policies'),
  ].join(', ');
}

/** Every page of GetAccountAuthorizationDetails, joined into one snapshot. */
async function authorizationDetails(
  iam: IAMClient,
  call: AwsCall,
  onProgress: (message: string) => void,
): Promise<AuthorizationDetailsJson> {
  const lists: Record<string, unknown[]> = Object.fromEntries(
    AUTHORIZATION_DETAILS_LISTS.map((l) => [l, []]),
  );
  const pages = paginateGetAccountAuthorizationDetails({ client: iam }, { Filter: [...ENTITY_FILTER] });
  await calling(call, async () => {
    let page = 0;
    for await (const output of pages as AsyncIterable<GetAccountAuthorizationDetailsCommandOutput>) {
      page += 1;
      for (const list of AUTHORIZATION_DETAILS_LISTS)
        lists[list]?.push(...(output[list] ?? []).map((d) => plainDetail(d)));
      onProgress(`reading IAM: page ${page} (${pageCounts(lists)})`);
    }
  });
  return lists as unknown as AuthorizationDetailsJson;
}

/**
 * Reads the live account through the AWS API: who is auditing (sts:GetCallerIdentity), the
 * audit role when one is given (sts:AssumeRole), then every page of
 * iam:GetAccountAuthorizationDetails, as the snapshot `aws iam get-account-authorization-details`
 * would print.
 *
 * @throws AwsError (exit code 2) naming the call, the caller and what to do.
 */
export async function readLiveAccount(options: LiveAccountOptions): Promise<LiveAccount> {
  const onProgress = options.onProgress ?? (() => undefined);
  const where = {
    ...(options.endpointUrl === undefined ? {} : { endpoint: options.endpointUrl }),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
  };
  const base = clients(options);
  let identity = await callerIdentity(base.sts, where);
  onProgress(`auditing as ${identity.arn}`);
  let audit = base;
  if (options.roleArn !== undefined) {
    const call = { ...where, action: 'sts:AssumeRole', caller: identity.arn };
    audit = clients(options, await assumeAuditRole(base.sts, { ...options, roleArn: options.roleArn }, call));
    identity = await callerIdentity(audit.sts, where);
    onProgress(`assumed ${options.roleArn}: auditing account ${identity.account} as ${identity.arn}`);
  }
  const call = { ...where, action: 'iam:GetAccountAuthorizationDetails', caller: identity.arn };
  const snapshot = await authorizationDetails(audit.iam, call, onProgress);
  return { accountId: identity.account, auditor: identity.arn, snapshot };
}
