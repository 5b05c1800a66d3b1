import type { Policy, StatementRef } from '../../model/policy.js';
import type { Principal } from '../../model/principal.js';
import type { Catalog } from '../../policy/catalog.js';
import { type TrustGrant, trustGrants } from '../../policy/principal-match.js';
import type { ReachIndex } from '../../policy/reach-index.js';
import type { RequestIndex } from '../../policy/request-index.js';
import { type EdgeAttrs, type PermissionGraph, principalKey } from '../schema.js';

/**
 * source -> each of `roles` (in order) whose trust policy admits the source AND that the source may
 * call sts:AssumeRole on. A trust statement naming the source's own ARN in the same account grants by
 * itself; one naming the account or `*` needs the source's identity policies to allow it too.
 * An unconditional Deny of sts:AssumeRole in the source's policies removes the edge. Of the ways
 * in, an unconditional one is chosen when there is one (an MFA-only statement naming the source
 * does not gate a role that also trusts the whole account without condition).
 */
export function addCanAssumeEdges(
  graph: PermissionGraph,
  checks: AssumeChecks,
  source: Principal,
  roles: readonly Principal[],
): void {
  const reach = checks.index.reachOf(source.arn);
  if (!reach) return;
  const from = checks.keyOf(source);
  for (const role of roles) {
    if (!role.trustPolicy || source.arn === role.arn) continue;
    const trusts = checks.trustGrants(role.trustPolicy, source);
    if (trusts.length === 0) continue;
    const identity = checks.requests.decide(reach, 'sts:AssumeRole', role.arn);
    if (identity.decision === 'explicit-deny') continue;
    const identityConditional = identity.grants.every((g) => g.conditions.length > 0);
    let way: { trust: TrustGrant; conditional: boolean } | undefined;
    for (const trust of trusts) {
      const grantsBySelf = trust.match === 'principal' && source.accountId === role.accountId;
      if (!grantsBySelf && identity.decision !== 'allow') continue;
      const conditional = trust.conditional || (!grantsBySelf && identityConditional);
      if (!way || (way.conditional && !conditional)) way = { trust, conditional };
      if (!conditional) break;
    }
    if (!way) continue;
    const attrs = checks.edgeAttrs(way.trust.statement, identity.grants[0]?.statement, way.conditional);
    graph.addEdge(from, checks.keyOf(role), attrs);
  }
}

interface SharedAttrs {
  readonly conditional: EdgeAttrs;
  readonly unconditional: EdgeAttrs;
}

/** What deciding can-assume edges reads, with the trust policies' answers cached where they can be. */
export class AssumeChecks {
  private readonly byAccount = new Map<Policy, Map<string, readonly TrustGrant[]>>();
  private readonly namesByArn = new Map<Policy, boolean>();
  private readonly keys = new Map<Principal, string>();
  private readonly attrs = new Map<StatementRef, Map<StatementRef | undefined, SharedAttrs>>();

  constructor(
    readonly catalog: Catalog,
    readonly index: ReachIndex,
    readonly requests: RequestIndex,
  ) {}

  /** The principal's node key, made once: edges to a role are added once per source. */
  keyOf(principal: Principal): string {
    let key = this.keys.get(principal);
    if (key === undefined) {
      key = principalKey(principal.arn);
      this.keys.set(principal, key);
    }
    return key;
  }

  /**
   * The attributes of a can-assume edge with this evidence. Edges with the same evidence (the many
   * sources whose one managed policy grants sts:AssumeRole, to one role) share one object: edge
   * attributes are never changed once the graph is built.
   */
  edgeAttrs(trust: StatementRef, identity: StatementRef | undefined, conditional: boolean): EdgeAttrs {
    let byIdentity = this.attrs.get(trust);
    if (!byIdentity) {
      byIdentity = new Map();
      this.attrs.set(trust, byIdentity);
    }
    let shared = byIdentity.get(identity);
    if (!shared) {
      const statements = identity ? [trust, identity] : [trust];
      shared = {
        conditional: { kind: 'can-assume', statements, conditional: true },
        unconditional: { kind: 'can-assume', statements, conditional: false },
      };
      byIdentity.set(identity, shared);
    }
    return conditional ? shared.conditional : shared.unconditional;
  }

  /**
   * trustGrants: a trust policy that names no principal by ARN (only accounts, roots and `*`) treats
   * every source of one account alike, so its answer is kept per account.
   */
  trustGrants(trust: Policy, source: Principal): readonly TrustGrant[] {
    let namesByArn = this.namesByArn.get(trust);
    if (namesByArn === undefined) {
      namesByArn = trust.document.statements.some(
        (s) => namesArn(s.principal?.AWS) || namesArn(s.notPrincipal?.AWS),
      );
      this.namesByArn.set(trust, namesByArn);
    }
    if (namesByArn) return trustGrants(this.catalog, trust, source);
    let byAccount = this.byAccount.get(trust);
    if (!byAccount) {
      byAccount = new Map();
      this.byAccount.set(trust, byAccount);
    }
    let grants = byAccount.get(source.accountId);
    if (!grants) {
      grants = trustGrants(this.catalog, trust, source);
      byAccount.set(source.accountId, grants);
    }
    return grants;
  }
}

/**
 * True when some value is an ARN naming a principal rather than an account root: how a trust
 * statement can admit one principal (or a session of it) by itself.
 */
function namesArn(values: readonly string[] | undefined): boolean {
  return (values ?? []).some((value) => {
    const parts = value.split(':');
    return parts.length >= 6 && parts[0] === 'arn' && parts.slice(5).join(':') !== 'root';
  });
}

/** True when the role's trust policy names any AWS principal (not only services or federation). */
export function trustsAwsPrincipals(role: Principal): boolean {
  return (
    role.trustPolicy?.document.statements.some(
      (s) => s.effect === 'Allow' && (s.notPrincipal !== undefined || (s.principal?.AWS?.length ?? 0) > 0),
    ) ?? false
  );
}

/**
 * The principals a role's trust policy could admit: those it names by ARN when every AWS principal
 * it names is an IAM user or role ARN; every source when it names an account, `*`, a session or a
 * pattern (then the sources' own policies decide). Only these need the full check.
 */
export function assumeCandidates(role: Principal, sources: SourceLookup): readonly Principal[] {
  const named: Principal[] = [];
  for (const s of role.trustPolicy?.document.statements ?? []) {
    if (s.effect !== 'Allow') continue;
    if (s.notPrincipal) return sources.all;
    for (const value of s.principal?.AWS ?? []) {
      const principal = sources.byArn.get(normalArn(value));
      if (principal) named.push(principal);
      else if (!IAM_IDENTITY_ARN.test(value)) return sources.all;
    }
  }
  return [...new Set(named)];
}

/**
 * True when the role's trust policy may name a principal by its ARN (or a session of it), which
 * admits that principal by itself. When it cannot, and assumeCandidates gives every source, only a
 * source whose own policies allow sts:AssumeRole on the role can assume it.
 */
export function mayTrustByArn(role: Principal): boolean {
  return (
    role.trustPolicy?.document.statements.some((s) => s.effect === 'Allow' && namesArn(s.principal?.AWS)) ??
    false
  );
}

/** Sources by normalised ARN, and all of them. */
export interface SourceLookup {
  readonly all: readonly Principal[];
  readonly byArn: ReadonlyMap<string, Principal>;
}

export function sourceLookup(sources: readonly Principal[]): SourceLookup {
  return { all: sources, byArn: new Map(sources.map((p) => [normalArn(p.arn), p])) };
}

/** A literal IAM user or role ARN: one no source matches names no source. */
const IAM_IDENTITY_ARN = /^arn:[^:*?]+:iam::\d{12}:(role|user)\/[^*?]+$/i;

/** The head of an IAM ARN is case-insensitive, the name keeps its case. */
function normalArn(arn: string): string {
  const parts = arn.split(':');
  return [...parts.slice(0, 5).map((p) => p.toLowerCase()), ...parts.slice(5)].join(':');
}
