/**
 * The account as `aws iam get-account-authorization-details` prints it: every page's lists
 * joined, policy documents decoded from the URL-encoded JSON the API returns, dates as ISO text.
 */
export interface AuthorizationDetailsJson {
  readonly UserDetailList: readonly Record<string, unknown>[];
  readonly GroupDetailList: readonly Record<string, unknown>[];
  readonly RoleDetailList: readonly Record<string, unknown>[];
  readonly Policies: readonly Record<string, unknown>[];
}

export type AuthorizationDetailsList = keyof AuthorizationDetailsJson;

export const AUTHORIZATION_DETAILS_LISTS: readonly AuthorizationDetailsList[] = [
  'UserDetailList',
  'GroupDetailList',
  'RoleDetailList',
  'Policies',
];

/** Keys whose values are policy documents, at any depth of a detail entry. */
const DOCUMENT_KEYS = new Set(['AssumeRolePolicyDocument', 'PolicyDocument', 'Document']);

/** A document as an object when it is URL-encoded JSON; otherwise as it came, for the snapshot reader to judge. */
function decodeDocument(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  try {
    return JSON.parse(/^%7b/i.test(text) ? decodeURIComponent(text.replace(/\+/g, ' ')) : text);
  } catch {
    return value;
  }
}

/** An SDK output value as plain JSON: dates as ISO text, documents decoded, undefined fields dropped. */
export function plainDetail(value: unknown, key = ''): unknown {
  if (DOCUMENT_KEYS.has(key)) return decodeDocument(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => plainDetail(item));
  if (typeof value === 'object' && value !== null) {
    const plain: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) plain[k] = plainDetail(v, k);
    return plain;
  }
  return value;
}
