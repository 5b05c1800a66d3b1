import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback server speaking the AWS query protocol for the STS and IAM calls an audit makes
 * (GetCallerIdentity, AssumeRole, GetAccountAuthorizationDetails): form-encoded requests in,
 * XML responses out, errors as AWS sends them. The real SDK clients talk to it over HTTP.
 */

/** The snapshot the server holds, as `aws iam get-account-authorization-details` prints it. */
export interface AccountData {
  readonly UserDetailList?: readonly unknown[];
  readonly GroupDetailList?: readonly unknown[];
  readonly RoleDetailList?: readonly unknown[];
  readonly Policies?: readonly unknown[];
}

export interface AwsQueryServerOptions {
  readonly account: AccountData;
  /** Entries per page of GetAccountAuthorizationDetails. */
  readonly pageSize: number;
  /** Who each access key is: its caller ARN. */
  readonly identities: Readonly<Record<string, string>>;
  /** Roles that can be assumed, with the external id their trust requires. */
  readonly roles?: Readonly<Record<string, { readonly externalId?: string }>>;
  /** `ACCESS_KEY action` pairs answered with AccessDenied. */
  readonly denied?: readonly string[];
}

export interface RecordedRequest {
  readonly action: string;
  readonly accessKeyId: string;
  /** The service and region of the signature's credential scope, e.g. `iam/us-east-1`. */
  readonly scope: string;
  readonly sessionToken: string | undefined;
  readonly params: Readonly<Record<string, string>>;
}

export interface AwsQueryServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** The next `times` calls of `action` fail with this error code and HTTP status. */
  failNext(action: string, code: string, status: number, times?: number): void;
  close(): Promise<void>;
}

const LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;
const DOCUMENT_KEYS = new Set(['AssumeRolePolicyDocument', 'PolicyDocument', 'Document']);
const NAMESPACE: Record<string, string> = {
  GetCallerIdentity: 'https://sts.amazonaws.com/doc/2011-06-15/',
  AssumeRole: 'https://sts.amazonaws.com/doc/2011-06-15/',
  GetAccountAuthorizationDetails: 'https://iam.amazonaws.com/doc/2010-05-08/',
};

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A JSON value as query-protocol XML: lists as `<member>` elements, documents URL-encoded as IAM returns them. */
export function toQueryXml(value: unknown, key = ''): string {
  if (DOCUMENT_KEYS.has(key) && typeof value === 'object' && value !== null)
    return escapeXml(encodeURIComponent(JSON.stringify(value)));
  if (Array.isArray(value)) return value.map((item) => `<member>${toQueryXml(item)}</member>`).join('');
  if (typeof value === 'object' && value !== null)
    return Object.entries(value)
      .map(([k, v]) => `<${k}>${toQueryXml(v, k)}</${k}>`)
      .join('');
  return escapeXml(String(value));
}

function accountOf(arn: string): string {
  return arn.split(':')[4] ?? '';
}

interface Page {
  readonly lists: Record<string, unknown[]>;
}

function paginate(account: AccountData, pageSize: number): Page[] {
  const entries = LISTS.flatMap((list) => (account[list] ?? []).map((entry) => ({ list, entry })));
  const pages: Page[] = [];
  for (let i = 0; i < Math.max(entries.length, 1); i += pageSize) {
    const lists: Record<string, unknown[]> = Object.fromEntries(LISTS.map((l) => [l, []]));
    for (const { list, entry } of entries.slice(i, i + pageSize)) lists[list]?.push(entry);
    pages.push({ lists });
  }
  return pages;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function respond(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': 'test-request' });
  response.end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
}

function errorXml(action: string, code: string, message: string): string {
  return `<ErrorResponse xmlns="${NAMESPACE[action] ?? ''}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>test-request</RequestId></ErrorResponse>`;
}

function resultXml(action: string, result: string): string {
  return `<${action}Response xmlns="${NAMESPACE[action] ?? ''}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>test-request</RequestId></ResponseMetadata></${action}Response>`;
}

export async function startAwsQueryServer(options: AwsQueryServerOptions): Promise<AwsQueryServer> {
  const pages = paginate(options.account, options.pageSize);
  const identities = new Map(Object.entries(options.identities));
  const denied = new Set(options.denied ?? []);
  const failures: { action: string; code: string; status: number; times: number }[] = [];
  const requests: RecordedRequest[] = [];

  const handlers: Record<string, (caller: string, params: Record<string, string>) => [number, string]> = {
    GetCallerIdentity: (caller) => [
      200,
      resultXml(
        'GetCallerIdentity',
        `<Arn>${caller}</Arn><UserId>AIDATEST</UserId><Account>${accountOf(caller)}</Account>`,
      ),
    ],
    AssumeRole: (caller, params) => {
      const roleArn = params.RoleArn ?? '';
      const role = options.roles?.[roleArn];
      if (role === undefined || role.externalId !== params.ExternalId)
        return [
          403,
          errorXml(
            'AssumeRole',
            'AccessDenied',
            `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
          ),
        ];
      const session = `arn:aws:sts::${accountOf(roleArn)}:assumed-role/${roleArn.split('/').pop()}/${params.RoleSessionName}`;
      const key = `ASIA${String(identities.size).padStart(4, '0')}TEST`;
      identities.set(key, session);
      return [
        200,
        resultXml(
          'AssumeRole',
          `<AssumedRoleUser><Arn>${session}</Arn><AssumedRoleId>AROATEST:${params.RoleSessionName}</AssumedRoleId></AssumedRoleUser><Credentials><AccessKeyId>${key}</AccessKeyId><SecretAccessKey>secret-${key}</SecretAccessKey><SessionToken>token-${key}</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>`,
        ),
      ];
    },
    GetAccountAuthorizationDetails: (_caller, params) => {
      const index = params.Marker === undefined ? 0 : Number(params.Marker.replace('page-', ''));
      const page = pages[index];
      if (page === undefined)
        return [400, errorXml('GetAccountAuthorizationDetails', 'InvalidInput', 'bad marker')];
      const more = index + 1 < pages.length;
      const lists = LISTS.map((l) => `<${l}>${toQueryXml(page.lists[l])}</${l}>`).join('');
      return [
        200,
        resultXml(
          'GetAccountAuthorizationDetails',
          `<IsTruncated>${more}</IsTruncated>${more ? `<Marker>page-${index + 1}</Marker>` : ''}${lists}`,
        ),
      ];
    },
  };

  const server = createServer(async (request, response) => {
    const params = Object.fromEntries(new URLSearchParams(await readBody(request)));
    const action = params.Action ?? '';
    const credential = /Credential=([^/]+)\/\d+\/([^/]+)\/([^/]+)\//.exec(
      request.headers.authorization ?? '',
    );
    const accessKeyId = credential?.[1] ?? '';
    const token = request.headers['x-amz-security-token'];
    requests.push({
      action,
      accessKeyId,
      scope: `${credential?.[3] ?? ''}/${credential?.[2] ?? ''}`,
      sessionToken: typeof token === 'string' ? token : undefined,
      params,
    });
    const caller = identities.get(accessKeyId);
    const handler = handlers[action];
    if (caller === undefined)
      return respond(
        response,
        403,
        errorXml(action, 'InvalidClientTokenId', 'The security token included in the request is invalid.'),
      );
    if (handler === undefined)
      return respond(response, 400, errorXml(action, 'InvalidAction', `unknown ${action}`));
    const failure = failures.find((f) => f.action === action && f.times > 0);
    if (failure !== undefined) {
      failure.times -= 1;
      return respond(response, failure.status, errorXml(action, failure.code, 'Rate exceeded'));
    }
    const service = action === 'GetAccountAuthorizationDetails' ? 'iam' : 'sts';
    if (denied.has(`${accessKeyId} ${action}`))
      return respond(
        response,
        403,
        errorXml(
          action,
          'AccessDenied',
          `User: ${caller} is not authorized to perform: ${service}:${action} on resource: *`,
        ),
      );
    const [status, body] = handler(caller, params);
    respond(response, status, body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (action, code, status, times = 1) => failures.push({ action, code, status, times }),
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
