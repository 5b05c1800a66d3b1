import type { Policy, PrincipalMap, Statement, StatementRef } from '../model/policy.js';
import type { Principal } from '../model/principal.js';
import type { Catalog } from './catalog.js';
import { statementRef } from './statement.js';

/** How a trust or resource policy names a principal. */
export type PrincipalMatch = 'principal' | 'account' | 'public';

export interface TrustGrant {
  readonly match: PrincipalMatch;
  readonly statement: StatementRef;
  readonly conditional: boolean;
}

const ACCOUNT_ID = /^\d{12}$/;

/**
 * Each way a role's trust policy lets `source` call sts:AssumeRole, best first: a statement naming
 * the principal's own ARN grants by itself (same account), one naming the account root or `*` only
 * delegates to the caller's identity policies; unconditional before conditional. None when an
 * unconditional Deny names the source.
 */
export function trustGrants(catalog: Catalog, trust: Policy, source: Principal): TrustGrant[] {
  const assume = catalog.indexOf('sts:AssumeRole');
  const applies = (s: Statement) => assume !== undefined && statementActionsInclude(catalog, s, assume);
  const denied = trust.document.statements.some(
    (s) => s.effect === 'Deny' && !s.condition && applies(s) && principalMatch(s, source) !== undefined,
  );
  if (denied) return [];
  const grants: TrustGrant[] = [];
  for (const s of trust.document.statements) {
    if (s.effect !== 'Allow' || !applies(s)) continue;
    const match = principalMatch(s, source);
    if (match)
      grants.push({ match, statement: statementRef(trust, s), conditional: s.condition !== undefined });
  }
  return grants.sort((a, b) => rank(a) - rank(b));
}

function rank(grant: TrustGrant): number {
  const order: readonly PrincipalMatch[] = ['principal', 'account', 'public'];
  return order.indexOf(grant.match) * 2 + (grant.conditional ? 1 : 0);
}

function statementActionsInclude(catalog: Catalog, s: Statement, index: number): boolean {
  const named = s.action ?? s.notAction ?? [];
  const hit = named.some((pattern) => catalog.expand(pattern).has(index));
  return s.notAction ? !hit : hit;
}

/** How the statement's Principal / NotPrincipal element names `source`, if it does. */
export function principalMatch(s: Statement, source: Principal): PrincipalMatch | undefined {
  if (s.principal) return awsPrincipalMatch(s.principal, source);
  if (s.notPrincipal) return awsPrincipalMatch(s.notPrincipal, source) ? undefined : 'public';
  return undefined;
}

function awsPrincipalMatch(map: PrincipalMap, source: Principal): PrincipalMatch | undefined {
  let best: PrincipalMatch | undefined;
  for (const value of map.AWS ?? []) {
    const match = matchAwsValue(value, source);
    if (match === 'principal') return match;
    if (match === 'account' || (match === 'public' && best === undefined)) best = match;
  }
  return best;
}

function matchAwsValue(value: string, source: Principal): PrincipalMatch | undefined {
  if (value === '*') return 'public';
  if (ACCOUNT_ID.test(value)) return value === source.accountId ? 'account' : undefined;
  const arn = value.split(':');
  if (arn.length < 6 || arn[0] !== 'arn') return undefined;
  const account = arn[4];
  const resource = arn.slice(5).join(':');
  if (account !== source.accountId) return undefined;
  if (resource === 'root') return 'account';
  if (sameArn(value, source.arn)) return 'principal';
  const session = /^assumed-role\/([^/]+)\//.exec(resource);
  if (session && source.kind === 'role' && session[1] === source.name && arn[2] === 'sts') return 'principal';
  return undefined;
}

/** IAM ARNs: the head is case-insensitive, the name keeps its case. */
function sameArn(a: string, b: string): boolean {
  const [ha, ra] = splitHead(a);
  const [hb, rb] = splitHead(b);
  return ha === hb && ra === rb;
}

function splitHead(arn: string): [string, string] {
  const parts = arn.split(':');
  return [parts.slice(0, 5).join(':').toLowerCase(), parts.slice(5).join(':')];
}
