import type { AgentAnalysis, Analysis } from '../graph/analysis.js';
import type { ActionSet } from '../policy/action-set.js';
import { capabilitiesOf } from '../policy/capabilities.js';
import type { Catalog } from '../policy/catalog.js';
import type { Classifiable, Classification } from '../policy/classification.js';
import { agentAccessToResource, agentAccessWithinPattern, resourceAndContents } from './agent-access.js';
import { type AgentAccess, buildEvidence } from './evidence.js';
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
    .sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
  byClass.set(key, members);
  return members;
}

/**
 * What the agent can do with `actions` to the members of a class: each named resource of the class,
 * then each ARN pattern the class declares (resources the inputs do not name).
 */
export function classAccess(
  catalog: Catalog,
  analysis: Analysis,
  agent: AgentAnalysis,
  kind: ClassKind,
  className: string,
  actions: ActionSet,
): ClassHit[] {
  const hits: ClassHit[] = [];
  const members = membersOf(analysis, kind, className);
  for (const member of members) {
    const own = actions.intersect(serviceActionsOf(catalog, member.arn));
    const accesses = agentAccessToResource(catalog, agent, member.arn, { resourceTags: member.tags }, own);
    if (accesses.length === 0) continue;
    hits.push({
      resource: member.arn,
      ...(member.address === undefined ? {} : { address: member.address }),
      accesses,
      actions: accesses.reduce((set, a) => set.union(a.access.actions), catalog.none),
    });
  }
  const named = members.flatMap((m) => resourceAndContents(m.arn));
  for (const witness of analysis[kind].witnesses(className)) {
    const accesses = witness.patterns.flatMap((pattern) =>
      agentAccessWithinPattern(
        catalog,
        agent,
        pattern.source,
        named,
        actions.intersect(serviceActionsOf(catalog, pattern.source)),
      ),
    );
    if (accesses.length === 0) continue;
    hits.push({
      resource: witness.label,
      accesses,
      actions: accesses.reduce((set, a) => set.union(a.access.actions), catalog.none),
    });
  }
  return hits;
}

/**
 * A resource's data is changed or read through its own service's actions. Other services' actions
 * that name it (ssm:SendCommand writing command output to a bucket) are not access to its data.
 */
function serviceActionsOf(catalog: Catalog, arn: string): ActionSet {
  const service = arn.startsWith('arn:') ? arn.split(':')[2] : undefined;
  if (!service || /[*?]/.test(service)) return catalog.all;
  return catalog.serviceActions(service);
}

/** A finding about one class hit: the resource, its address, the evidence of the nearest access. */
export function classHitFinding(
  catalog: Catalog,
  agent: AgentAnalysis,
  hit: ClassHit,
  words: { readonly title: string; readonly message: string; readonly key: readonly string[] },
): RuleFinding | undefined {
  const nearest = hit.accesses[0];
  if (!nearest) return undefined;
  const location = nearest.access.grants[0]?.statement.source;
  return {
    agent: agent.agent.name,
    principal: nearest.via.principal.arn,
    resource: hit.resource,
    ...(hit.address === undefined ? {} : { address: hit.address }),
    title: words.title,
    message: words.message,
    evidence: buildEvidence({
      catalog,
      actions: hit.actions,
      resources: [hit.resource],
      capabilities: capabilitiesOf(catalog, hit.actions),
      path: nearest.via.path,
      grants: hit.accesses.flatMap((a) => a.access.grants),
      conditionalPath: nearest.via.conditional,
      reach: nearest.via.reach,
    }),
    ...(location === undefined ? {} : { location }),
    key: words.key,
  };
}
