import { memoized } from '../../model/memo.js';
import type { Policy, StatementRef } from '../../model/policy.js';
import type { Principal } from '../../model/principal.js';
import type { Catalog } from '../../policy/catalog.js';
import { type TrustGrant, trustGrants } from '../../policy/principal-match.js';
import type { Grant, PrincipalReach } from '../../policy/reach.js';
import type { ReachIndex } from '../../policy/reach-index.js';
import { ArnList, type RequestIndex } from '../../policy/request-index.js';
import type { ResourceScope } from '../../policy/resource-scope.js';
import { type EdgeAttrs, type PermissionGraph, principalKey } from '../schema.js';

/**
 * source -> role when the role's trust policy admits the source AND the source may call
 * sts:AssumeRole on it, for one source at a time, in role (sorted) order. A trust statement naming
 * the source's own ARN in the same account grants by itself; one naming the account or `*` needs the
 * source's identity policies to allow it too. An unconditional Deny of sts:AssumeRole in the
 * source's policies removes the edge. Of the ways in, an unconditional one is chosen when there is
 * one (an MFA-only statement naming the source does not gate a role that also trusts the whole
 * account without condition).
 *
 * A role whose trust names an account or `*` (but no principal by ARN) admits only sources whose
 * own sts:AssumeRole grants could apply to it. Sources of one account whose sts:AssumeRole
 * statements are the same (one managed policy, say) get the same edges to such roles, so those are
 * worked out once per such group of sources rather than once per source and role.
 */
export class CanAssumeEdges {
  /** For each source some trust policy names by ARN, the positions of those roles, ascending. */
  private readonly named = new Map<Principal, number[]>();
  /** Positions of the roles whose trust admits every source its own policies let in. */
  private readonly delegating: number[] = [];
  private readonly delegatingArns: ArnList;
  private readonly byProfile = new Map<string, readonly DelegatedEdge[]>();

  constructor(
    private readonly checks: AssumeChecks,
    private readonly assumable: readonly Principal[],
    sources: SourceLookup,
  ) {
    assumable.forEach((role, r) => {
      const candidates = assumeCandidates(role, sources);
      if (candidates === sources.all && !mayTrustByArn(role)) this.delegating.push(r);
      else
        for (const source of candidates) {
          const roles = this.named.get(source);
          if (roles) roles.push(r);
          else this.named.set(source, [r]);
        }
    });
    this.delegatingArns = new ArnList(this.delegating.map((r) => assumable[r]?.arn ?? ''));
  }

  /** Adds the source's can-assume edges to the graph. */
  addFrom(graph: PermissionGraph, source: Principal): void {
    const { checks, assumable } = this;
    const reach = checks.index.reachOf(source.arn);
    if (!reach) return;
    const from = checks.keyOf(source);
    const own = this.named.get(source) ?? [];
    const delegated = this.delegatedFrom(source, reach);
    const grants = checks.assumeGrants(reach);
    // both lists are in role order: merge them
    let j = 0;
    const addDelegated = (upTo: number) => {
      for (; j < delegated.length && (delegated[j]?.position ?? 0) < upTo; j++) {
        const edge = delegated[j];
        if (!edge || edge.role.arn === source.arn) continue;
        const way = edge.way ?? assumeWay(checks, source, reach, edge.role);
        if (way) graph.addEdge(from, checks.keyOf(edge.role), checks.edgeAttrs(way, grants));
      }
    };
    for (const r of own) {
      addDelegated(r);
      const role = assumable[r];
      const way = role && role.arn !== source.arn ? assumeWay(checks, source, reach, role) : undefined;
      if (role && way) graph.addEdge(from, checks.keyOf(role), checks.edgeAttrs(way, grants));
    }
    addDelegated(assumable.length);
  }

  private delegatedFrom(source: Principal, reach: PrincipalReach): readonly DelegatedEdge[] {
    if (this.delegating.length === 0) return [];
    const profile = this.checks.profileOf(source, reach);
    return memoized(this.byProfile, profile, () => {
      const positions = this.checks.requests.candidates(reach, ['sts:AssumeRole'], this.delegatingArns);
      const roles = positions ? positions.map((p) => this.delegating[p] ?? 0) : this.delegating;
      return delegatedEdges(this.checks, source, reach, this.assumable, roles);
    });
  }
}

/**
 * A can-assume edge to a role trusting an account or `*`, worked out once for a group of sources
 * (see AssumeChecks.profileOf), with the granting statement as a place among a source's
 * sts:AssumeRole grants; `way` is undefined when it is worked out per source (the trust names some
 * principal by ARN, in a Deny say).
 */
interface DelegatedEdge {
  /** The role's position in the assumable roles. */
  readonly position: number;
  readonly role: Principal;
  readonly way?: AssumeWay;
}

/**
 * How a source assumes a role: by the trust statement, with the statement at `grant` among the
 * source's sts:AssumeRole grants (see AssumeChecks.assumeGrants; -1 for none), gated by a condition
 * or not.
 */
interface AssumeWay {
  readonly trust: StatementRef;
  readonly grant: number;
  readonly conditional: boolean;
}

function delegatedEdges(
  checks: AssumeChecks,
  source: Principal,
  reach: PrincipalReach,
  assumable: readonly Principal[],
  roles: readonly number[],
): DelegatedEdge[] {
  const out: DelegatedEdge[] = [];
  for (const position of roles) {
    const role = assumable[position];
    if (!role) continue;
    if (role.trustPolicy && checks.namesPrincipalByArn(role.trustPolicy)) {
      out.push({ position, role });
      continue;
    }
    const way = assumeWay(checks, source, reach, role);
    if (way) out.push({ position, role, way });
  }
  return out;
}

/** How the source can assume the role, or undefined when it cannot. */
function assumeWay(
  checks: AssumeChecks,
  source: Principal,
  reach: PrincipalReach,
  role: Principal,
): AssumeWay | undefined {
  if (!role.trustPolicy) return undefined;
  const trusts = checks.trustGrants(role.trustPolicy, source);
  if (trusts.length === 0) return undefined;
  const identity = checks.requests.decide(reach, 'sts:AssumeRole', role.arn);
  if (identity.decision === 'explicit-deny') return undefined;
  const identityConditional = identity.grants.every((g) => g.conditions.length > 0);
  let way: { trust: TrustGrant; conditional: boolean } | undefined;
  for (const trust of trusts) {
    const grantsBySelf = trust.match === 'principal' && source.accountId === role.accountId;
    if (!grantsBySelf && identity.decision !== 'allow') continue;
    const conditional = trust.conditional || (!grantsBySelf && identityConditional);
    if (!way || (way.conditional && !conditional)) way = { trust, conditional };
    if (!conditional) break;
  }
  if (!way) return undefined;
  const first = identity.grants[0];
  const grant = first ? checks.assumeGrants(reach).indexOf(first) : -1;
  return { trust: way.trust.statement, grant, conditional: way.conditional };
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
    return memoized(this.keys, principal, () => principalKey(principal.arn));
  }

  /**
   * The attributes of a can-assume edge with this evidence. Edges with the same evidence (the many
   * sources whose one managed policy grants sts:AssumeRole, to one role) share one object: edge
   * attributes are never changed once the graph is built.
   */
  edgeAttrs(way: AssumeWay, grants: readonly Grant[]): EdgeAttrs {
    const { trust, conditional } = way;
    const identity = grants[way.grant]?.statement;
    const byIdentity = memoized(this.attrs, trust, () => new Map());
    const shared = memoized(byIdentity, identity, (): SharedAttrs => {
      const statements = identity ? [trust, identity] : [trust];
      return {
        conditional: { kind: 'can-assume', statements, conditional: true },
        unconditional: { kind: 'can-assume', statements, conditional: false },
      };
    });
    return conditional ? shared.conditional : shared.unconditional;
  }

  /**
   * What a source's edges to roles trusting its account (or `*`) depend on, as a key: its account,
   * and the resources and whether conditional of its sts:AssumeRole grants and Denies (which
   * statements they are only names the evidence).
   */
  profileOf(source: Principal, reach: PrincipalReach): string {
    const statements = this.requests.statementsFor(reach, 'sts:AssumeRole');
    if (!statements) return JSON.stringify(['source', source.arn]);
    const grants = statements.grants.map((g) => [...g.scopes.map(scopeKey), g.conditions.length > 0]);
    const denies = statements.denies.map((d) => scopeKey(d.scope));
    return JSON.stringify([source.accountId, grants, denies]);
  }

  /** The grants {@link AssumeWay.grant} counts in: those RequestIndex.decide picks from. */
  assumeGrants(reach: PrincipalReach): readonly Grant[] {
    return this.requests.statementsFor(reach, 'sts:AssumeRole')?.grants ?? reach.grants;
  }

  /** True when the trust policy names some principal by ARN: then its answer depends on the source, not only its account. */
  namesPrincipalByArn(trust: Policy): boolean {
    return memoized(this.namesByArn, trust, () =>
      trust.document.statements.some((s) => namesArn(s.principal?.AWS) || namesArn(s.notPrincipal?.AWS)),
    );
  }

  /**
   * trustGrants: a trust policy that names no principal by ARN (only accounts, roots and `*`) treats
   * every source of one account alike, so its answer is kept per account.
   */
  trustGrants(trust: Policy, source: Principal): readonly TrustGrant[] {
    if (this.namesPrincipalByArn(trust)) return trustGrants(this.catalog, trust, source);
    const byAccount = memoized(this.byAccount, trust, () => new Map());
    return memoized(byAccount, source.accountId, () => trustGrants(this.catalog, trust, source));
  }
}

/** A resource scope as text: scopes with the same text match the same ARNs. */
function scopeKey(scope: ResourceScope): string {
  return `${scope.kind} ${JSON.stringify(scope.patterns.map((p) => p.source))}`;
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
