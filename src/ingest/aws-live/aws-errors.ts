import { AwsError } from '../../errors.js';

/** What was being asked of AWS when a call failed, for a message that names it. */
export interface AwsCall {
  /** The IAM action the call needs, e.g. `iam:GetAccountAuthorizationDetails`. */
  readonly action: string;
  /** Who made it, once known: the caller's ARN. */
  readonly caller?: string;
  /** Where it went: the endpoint URL, when one was given. */
  readonly endpoint?: string;
  readonly profile?: string;
}

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']);
const BAD_CREDENTIALS = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
]);
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

const CREDENTIALS_HINT =
  'set AWS_PROFILE or give --profile, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; in GitHub Actions use aws-actions/configure-aws-credentials with OIDC';
const PERMISSIONS_HINT =
  'attach the AWS managed policy SecurityAudit (or ReadOnlyAccess) to the auditing principal';

interface ErrorFields {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly code?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

function fieldsOf(error: unknown): ErrorFields {
  return typeof error === 'object' && error !== null ? (error as ErrorFields) : {};
}

/** The network error code behind an SDK error, if any (`ECONNREFUSED`, ...). */
function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 5; depth++) {
    const code = fieldsOf(e).code;
    if (typeof code === 'string' && UNREACHABLE.has(code)) return code;
    e = e instanceof Error ? e.cause : undefined;
  }
  return undefined;
}

/**
 * One clear AwsError (exit code 2) for a failed AWS call: no credentials, an unknown profile,
 * credentials AWS refuses, a missing permission (named), an unreachable endpoint, or the
 * service's own error code and message.
 */
export function awsError(error: unknown, call: AwsCall): AwsError {
  const { name, message } = fieldsOf(error);
  const text = typeof message === 'string' ? message : String(error);
  const by = call.caller === undefined ? '' : ` as ${call.caller}`;
  if (name === 'CredentialsProviderError') {
    if (call.profile !== undefined)
      return new AwsError(
        'aws.unknown-profile',
        `the AWS profile ${call.profile} gives no credentials: ${text}`,
        {
          hint: 'list the profiles with `aws configure list-profiles`; they are read from ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE)',
          cause: error,
        },
      );
    return new AwsError('aws.no-credentials', `no AWS credentials found: ${text}`, {
      hint: CREDENTIALS_HINT,
      cause: error,
    });
  }
  const code = networkCode(error);
  if (code !== undefined || name === 'TimeoutError')
    return new AwsError(
      'aws.unreachable',
      `cannot reach ${call.endpoint ?? 'AWS'} for ${call.action} (${code ?? 'timed out'})`,
      {
        hint: call.endpoint === undefined ? 'check the network and proxy settings' : 'check --endpoint-url',
        cause: error,
      },
    );
  if (typeof name === 'string' && ACCESS_DENIED.has(name)) {
    if (call.action === 'sts:AssumeRole')
      return new AwsError('aws.assume-role-denied', `cannot assume the audit role${by}: ${text}`, {
        hint: "the role's trust policy must allow the caller (and --external-id must match its sts:ExternalId condition)",
        cause: error,
      });
    return new AwsError('aws.access-denied', `${call.action} is denied${by}: ${text}`, {
      hint: PERMISSIONS_HINT,
      cause: error,
    });
  }
  if (typeof name === 'string' && BAD_CREDENTIALS.has(name))
    return new AwsError('aws.invalid-credentials', `AWS refuses the credentials (${name}): ${text}`, {
      hint: CREDENTIALS_HINT,
      cause: error,
    });
  const status = fieldsOf(error).$metadata?.httpStatusCode;
  const what = typeof name === 'string' && name !== 'Error' ? name : `HTTP ${String(status ?? 'error')}`;
  return new AwsError('aws.request-failed', `${call.action}${by} failed (${what}): ${text}`, {
    cause: error,
  });
}
