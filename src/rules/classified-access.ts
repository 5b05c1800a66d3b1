import type { AgentAnalysis, Analysis } from '../graph/analysis.js';
import { compareText } from '../model/order.js';
import { statementKey } from '../model/policy.js';
import { ActionSet } from '../policy/action-set.js';
import { capabilitiesOf } from '../policy/capabilities.js';
import type { Catalog } from '../policy/catalog.js';
import type { Classifiable, Classification } from '../policy/classification.js';
import { ArnList } from '../policy/request-index.js';
import {
  agentAccessToGroup,
  agentAccessToResource,
  agentAccessWithinPattern,
  hasContents,
  resourceAndContents,
} from './agent-access.js';
import { type AgentAccess, buildEvidence, uniqueStatements } from './evidence.js';
import type { ResourceGroup } from './group-access.js';
import type { RuleFinding } from './types.js';

export type ClassKind = 'environments' | 'data';

interface Member extends Classifiable {
  readonly address?: string;
}

/** Something of a class the agent can act on: a named resource, or an ARN pattern of the class. */
export interface ClassHit {
  readonly resource: string;
  readonly address?: string;
  readonly accesses: readonly AgentAccess[];
  readonly actions: ActionSet;
}

const membersCache = new WeakMap<Analysis, Map<string, Member[]>>();

/** Resources and principals of each class of the kind, computed once per world. */
function membersOf(analysis: Analysis, kind: ClassKind, className: string): Member[] {
  let byClass = membersCache.get(analysis);
  if (!byClass) {
    byClass = new Map();
    membersCache.set(analysis, byClass);
  }
  const key = `${kind}/${className}`;
  const cached = byClass.get(key);
  if (cached) return cached;
  const classification: Classification = analysis[kind];
  const seen = new Set<string>();
  const candidates: Member[] = [];
  for (const r of analysis.inventory.resources) {
    seen.add(r.arn);
    candidates.push({ ...r, ...(r.accountId === undefined ? {} : { accountId: r.accountId }) });
  }
  for (const p of analysis.inventory.principals) {
    if (!seen.has(p.arn)) candidates.push(p);
  }
  const members = candidates
    .filter((m) => classification.classesOf(m).includes(className))
    .sort((a, b) => compareText(a.arn, b.arn));
  byClass.set(key, members);
  return members;
}

const hitsCache = new WeakMap<AgentAnalysis, Map<string, Map<ActionSet, ClassHit[]>>>();

/**
 * What the agent can do with `actions` to the members of a class: each named resource of the class,
 * then each ARN pattern the class declares (resources the inputs do not name). Computed once per
 * agent, class and action set (environment-violation and the production rules ask alike).
 */
export function classAccess(
  catalog: Catalog,
  analysis: Analysis,
  agent: AgentAnalysis,
  kind: ClassKind,
  className: string,
  actions: ActionSet,
): ClassHit[] {
  let byClass = hitsCache.get(agent);
  if (!byClass) {
    byClass = new Map();
    hitsCache.set(agent, byClass);
  }
  const key = `${kind}/${className}`;
  let byActions = byClass.get(key);
  if (!byActions) {
    byActions = new Map();
    byClass.set(key, byActions);
  }
  let hits = byActions.get(actions);
  if (!hits) {
    hits = computeClassAccess(catalog, analysis, agent, kind, className, actions);
    byActions.set(actions, hits);
  }
  return hits;
}

function computeClassAccess(
  catalog: Catalog,
  analysis: Analysis,
  agent: AgentAnalysis,
  kind: ClassKind,
  className: string,
  actions: ActionSet,
): ClassHit[] {
  const members = membersOf(analysis, kind, className);
  const { groups, buckets } = memberGroups(catalog, analysis, kind, className, actions);
  const found: { position: number; hit: ClassHit }[] = [];
  // resources of a group often share one list of accesses (see agentAccessToGroup)
  const actionsOf = new Map<readonly AgentAccess[], ActionSet>();
  const record = (position: number, accesses: readonly AgentAccess[]) => {
    const member = members[position];
    if (!member || accesses.length === 0) return;
    let actions = actionsOf.get(accesses);
    if (actions === undefined) {
      actions = ActionSet.unionOf(accesses.map((a) => a.access.actions));
      actionsOf.set(accesses, actions);
    }
    found.push({
      position,
      hit: {
        resource: member.arn,
        ...(member.address === undefined ? {} : { address: member.address }),
        accesses,
        actions,
      },
    });
  };
  for (const group of groups) {
    for (const [i, accesses] of agentAccessToGroup(catalog, agent, group))
      record(group.positions[i] ?? -1, accesses);
  }
  const within = serviceScoped(catalog, actions);
  for (const position of buckets) {
    const member = members[position];
    if (member)
      record(position, agentAccessToResource(catalog, agent, member.arn, member.tags, within(member.arn)));
  }
  const hits = found.sort((a, b) => a.position - b.position).map(({ hit }) => hit);
  const named = members.flatMap((m) => resourceAndContents(m.arn));
  for (const witness of analysis[kind].witnesses(className)) {
    const accesses = witness.patterns.flatMap((pattern) =>
      agentAccessWithinPattern(catalog, agent, pattern.source, named, within(pattern.source)),
    );
    if (accesses.length === 0) continue;
    hits.push({
      resource: witness.label,
      accesses,
      actions: ActionSet.unionOf(accesses.map((a) => a.access.actions)),
    });
  }
  return hits;
}

/** A group of class members judged together, with each one's position among the class's members. */
interface MemberGroup extends ResourceGroup {
  readonly positions: readonly number[];
}

const groupsCache = new WeakMap<Analysis, Map<string, Map<ActionSet, MemberGroups>>>();

interface MemberGroups {
  readonly groups: readonly MemberGroup[];
  /** Positions of the S3 buckets, judged one by one with their objects. */
  readonly buckets: readonly number[];
}

/**
 * The class's members grouped by the actions that apply to them (resource type and service), once
 * per world, class and action set: every agent's access is judged group by group.
 */
function memberGroups(
  catalog: Catalog,
  analysis: Analysis,
  kind: ClassKind,
  className: string,
  actions: ActionSet,
): MemberGroups {
  let byClass = groupsCache.get(analysis);
  if (!byClass) {
    byClass = new Map();
    groupsCache.set(analysis, byClass);
  }
  const key = `${kind}/${className}`;
  let byActions = byClass.get(key);
  if (!byActions) {
    byActions = new Map();
    byClass.set(key, byActions);
  }
  const cached = byActions.get(actions);
  if (cached) return cached;
  const within = serviceScoped(catalog, actions);
  const building = new Map<ActionSet, Map<ActionSet, { members: Member[]; positions: number[] }>>();
  const buckets: number[] = [];
  membersOf(analysis, kind, className).forEach((member, position) => {
    if (hasContents(member.arn)) {
      buckets.push(position);
      return;
    }
    const onResource = member.arn === '*' ? catalog.wildcardOnly : catalog.actionsOnArn(member.arn);
    const scoped = within(member.arn);
    let byWithin = building.get(onResource);
    if (!byWithin) {
      byWithin = new Map();
      building.set(onResource, byWithin);
    }
    const entry = byWithin.get(scoped) ?? { members: [], positions: [] };
    byWithin.set(scoped, entry);
    entry.members.push(member);
    entry.positions.push(position);
  });
  const groups: MemberGroup[] = [];
  for (const [onResource, byWithin] of building) {
    for (const [scoped, { members, positions }] of byWithin) {
      const applicable = onResource.intersect(scoped);
      if (applicable.isEmpty()) continue;
      groups.push({
        onResource,
        applicable,
        resources: members,
        arns: new ArnList(members.map((m) => m.arn)),
        positions,
      });
    }
  }
  const result = { groups, buckets };
  byActions.set(actions, result);
  return result;
}

const serviceScopedCache = new WeakMap<ActionSet, Map<string, ActionSet>>();

/**
 * A resource's data is changed or read through its own service's actions. Other services' actions
 * that name it (ssm:SendCommand writing command output to a bucket) are not access to its data.
 * Returns the actions that apply to an ARN, one set per service and action set, so that work is
 * shared per set.
 */
function serviceScoped(catalog: Catalog, actions: ActionSet): (arn: string) => ActionSet {
  let byService = serviceScopedCache.get(actions);
  if (!byService) {
    byService = new Map();
    serviceScopedCache.set(actions, byService);
  }
  const cache = byService;
  return (arn) => {
    const service = arn.startsWith('arn:') ? arn.split(':')[2] : undefined;
    if (!service || /[*?]/.test(service)) return actions;
    let set = cache.get(service);
    if (!set) {
      set = actions.intersect(catalog.serviceActions(service));
      cache.set(service, set);
    }
    return set;
  };
}

/** What a finding is about: its resources, each named by its Terraform address where known, else its ARN. */
export interface ClassSubject {
  readonly names: readonly string[];
  /** The resource's ARN, when the finding is about one resource. */
  readonly resource?: string;
}

/** How a finding about class hits is worded, and what keys it among the agent's findings. */
export interface ClassWords {
  readonly title: (subject: ClassSubject) => string;
  readonly message: (subject: ClassSubject, actions: ActionSet) => string;
  readonly key: readonly string[];
}

/**
 * Findings about class hits, one per granting statement: the hits whose nearest access is granted
 * by the same statements form one finding, so an agent that can modify two thousand production
 * roles through one policy statement gets one finding naming them, located at that statement.
 * A finding about a single resource names it (and its Terraform address) as its resource.
 */
export function classFindings(
  catalog: Catalog,
  agent: AgentAnalysis,
  hits: readonly ClassHit[],
  words: ClassWords,
): RuleFinding[] {
  const groups = new Map<string, ClassHit[]>();
  for (const hit of hits) {
    const nearest = hit.accesses[0];
    if (!nearest) continue;
    const cause = causeOf(nearest);
    const group = groups.get(cause);
    if (group) group.push(hit);
    else groups.set(cause, [hit]);
  }
  return [...groups.entries()].map(([cause, group]) => groupFinding(catalog, agent, group, cause, words));
}

const causes = new WeakMap<AgentAccess, string>();

/** The keys of the statements that grant an access, as one string. */
function causeOf(access: AgentAccess): string {
  let cause = causes.get(access);
  if (cause === undefined) {
    cause = uniqueStatements(access.access.grants.map((g) => g.statement))
      .map(statementKey)
      .join(' ');
    causes.set(access, cause);
  }
  return cause;
}

function groupFinding(
  catalog: Catalog,
  agent: AgentAnalysis,
  group: readonly ClassHit[],
  cause: string,
  words: ClassWords,
): RuleFinding {
  // many hits share their accesses: each access and grant counts once
  const accesses = [...new Set([...new Set(group.map((hit) => hit.accesses))].flat())];
  const nearest = group
    .map((hit) => hit.accesses[0])
    .reduce((a, b) => (b && a && b.via.path.length < a.via.path.length ? b : a));
  const actions = ActionSet.unionOf(group.map((hit) => hit.actions));
  const [only] = group;
  const single = group.length === 1 ? only : undefined;
  const subject: ClassSubject = {
    names: group.map((hit) => hit.address ?? hit.resource),
    ...(single ? { resource: single.resource } : {}),
  };
  const location = nearest?.access.grants[0]?.statement.source;
  return {
    agent: agent.agent.name,
    ...(nearest ? { principal: nearest.via.principal.arn } : {}),
    ...(single ? { resource: single.resource } : {}),
    ...(single?.address === undefined ? {} : { address: single.address }),
    title: words.title(subject),
    message: words.message(subject, actions),
    evidence: buildEvidence({
      catalog,
      actions,
      resources: group.map((hit) => hit.resource),
      capabilities: capabilitiesOf(catalog, actions),
      path: nearest?.via.path ?? [],
      grants: [...new Set(accesses.flatMap((a) => a.access.grants))],
      conditionalPath: nearest?.via.conditional ?? false,
      ...(nearest ? { reach: nearest.via.reach } : {}),
    }),
    ...(location === undefined ? {} : { location }),
    key: [...words.key, cause],
  };
}
