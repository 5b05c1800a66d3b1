import type { AgentAnalysis, Analysis } from '../graph/analysis.js';
import type { ReachablePrincipal } from '../graph/closure.js';
import { principalKey } from '../graph/schema.js';
import type { PathHop } from '../model/finding.js';
import type { StatementRef } from '../model/policy.js';
import { ActionSet } from '../policy/action-set.js';
import { capabilitiesOf } from '../policy/capabilities.js';
import type { Catalog } from '../policy/catalog.js';
import { actionsBeyond, grantsBeyond } from '../policy/reach-compare.js';
import { allowsEverything, declaredArns, declaredPrincipals, grantsOf } from './agent-identities.js';
import { uniqueStatements } from './evidence.js';
import { byGrantShape } from './grant-shape.js';
import { defineRule, type RuleFinding } from './types.js';
import { countOf } from './wording.js';

export default defineRule({
  id: 'privilege-escalation',
  title: 'Privilege escalation',
  defaultSeverity: 'critical',
  description:
    'The agent can become a principal with more reach than its declared identities (by assuming a role, ' +
    'passing a role to a service, taking over a workload, minting credentials, rewriting a trust policy or ' +
    'joining a group), or can rewrite the permissions of a principal it acts as.',
  help:
    'Remove the permission that opens the path (the first statement of the path), or scope it to principals ' +
    'and resources that are no stronger than the agent. If the agent is meant to become that principal, list ' +
    'it under the agent’s `identities`: its reach is then the agent’s own, judged by undeclared-reach.',
  check({ catalog, after }) {
    const findings: RuleFinding[] = [];
    for (const agent of after.agents) {
      const base = grantsOf(declaredPrincipals(agent));
      if (allowsEverything(catalog, base)) continue;
      findings.push(
        ...becomingFindings(catalog, agent, base),
        ...rewriteFindings(catalog, after, agent, base),
      );
    }
    return findings;
  },
});

type Base = ReturnType<typeof grantsOf>;

/** Principals the agent can become that are not its declared identities and can do more. */
function becomingFindings(catalog: Catalog, agent: AgentAnalysis, base: Base): RuleFinding[] {
  const declared = declaredArns(agent);
  const beyondBase = byGrantShape((grant) => actionsBeyond(grant, base));
  return agent.principals.flatMap((target) => {
    if (declared.has(target.principal.arn)) return [];
    const gained = ActionSet.unionOf(target.reach.grants.map(beyondBase));
    if (gained.isEmpty()) return [];
    return [
      escalationFinding(catalog, agent, target.path, target.principal.arn, target.principal.address, {
        gained,
        conditional: target.conditional,
        summary: `become ${target.principal.arn}`,
        outcome: `gain ${countOf(gained.size(), 'action')} its declared identities do not have (${sample(catalog, gained)})`,
      }),
    ];
  });
}

/**
 * Rewrites, by one of the agent's declared identities, of a principal the agent acts as: any policy
 * (unbounded gain), or the removal of a permissions boundary (the gain is what the boundary held
 * back). Rewrites made from a principal the agent only reaches are left out: becoming it is already
 * a finding when it can do more than the declared identities, and when it cannot, the declared
 * identities hold the same rewrite.
 */
function rewriteFindings(catalog: Catalog, after: Analysis, agent: AgentAnalysis, base: Base): RuleFinding[] {
  const graph = after.graph;
  const reachable = new Map(agent.principals.map((p) => [p.principal.arn, p]));
  const findings: RuleFinding[] = [];
  for (const via of declaredPrincipals(agent)) {
    for (const edge of graph.outEdges(principalKey(via.principal.arn))) {
      const attrs = graph.getEdgeAttributes(edge);
      if (!attrs.rewrite) continue;
      const targetArn = graph.getNodeAttributes(graph.target(edge)).label;
      if (!actsAs(agent, reachable, targetArn)) continue;
      const hop: PathHop = {
        from: via.principal.arn,
        to: targetArn,
        kind: attrs.kind,
        ...(attrs.method === undefined ? {} : { method: attrs.method }),
        ...(attrs.via === undefined ? {} : { via: attrs.via }),
        statements: attrs.statements,
      };
      const gained =
        attrs.rewrite === 'boundary' ? boundaryGain(catalog, after, targetArn, base) : catalog.all;
      if (gained.isEmpty()) continue;
      const target = after.index.principal(targetArn);
      findings.push(
        escalationFinding(catalog, agent, [...via.path, hop], targetArn, target?.address, {
          gained,
          conditional: via.conditional || attrs.conditional,
          summary:
            attrs.rewrite === 'boundary'
              ? `remove the permissions boundary of ${targetArn}`
              : `give ${targetArn} any permission`,
          outcome:
            attrs.rewrite === 'boundary'
              ? `gain ${countOf(gained.size(), 'action')} the boundary held back (${sample(catalog, gained)})`
              : 'act with any permission in the account',
        }),
      );
    }
  }
  return findings;
}

/** True when the agent acts as the principal: it reaches it, or it is a group of one it reaches. */
function actsAs(
  agent: AgentAnalysis,
  reachable: ReadonlyMap<string, ReachablePrincipal>,
  arn: string,
): boolean {
  return reachable.has(arn) || agent.principals.some((p) => p.principal.groupArns.includes(arn));
}

function boundaryGain(catalog: Catalog, after: Analysis, arn: string, base: Base): ActionSet {
  const unbounded = after.index.unboundedReachOf(arn);
  return unbounded
    ? ActionSet.unionOf(grantsBeyond(unbounded.grants, base).map((g) => g.actions))
    : catalog.none;
}

interface Escalation {
  readonly gained: ActionSet;
  readonly conditional: boolean;
  readonly summary: string;
  readonly outcome: string;
}

function escalationFinding(
  catalog: Catalog,
  agent: AgentAnalysis,
  path: readonly PathHop[],
  target: string,
  targetAddress: string | undefined,
  escalation: Escalation,
): RuleFinding {
  const hops = path.filter((hop) => hop.kind !== 'acts-as' && hop.kind !== 'member-of');
  const methods = hops.map((hop) => hop.method ?? 'sts:AssumeRole');
  const actions = [...new Set(methods.flatMap((m) => m.split('+')))].sort();
  const opening = hops[0]?.statements.find((s) => s.policyKind !== 'trust' && s.address !== undefined);
  const address = opening?.address ?? targetAddress;
  const name = agent.agent.name;
  return {
    agent: name,
    principal: target,
    ...(address === undefined ? {} : { address }),
    title: `${name} can escalate its privileges`,
    message:
      `${name} can ${escalation.summary} (${methods.join(', then ')}) and ${escalation.outcome}.` +
      (escalation.conditional ? ' A hop of the path holds only under a condition.' : ''),
    evidence: {
      actions,
      resources: [...new Set([target, ...hops.flatMap((hop) => (hop.via ? [hop.via] : []))])].sort(),
      capabilities: capabilitiesOf(catalog, escalation.gained),
      path,
      statements: uniqueStatements(path.flatMap((hop): StatementRef[] => [...hop.statements])),
      conditions: escalation.conditional ? ['the explanation path holds only under a condition'] : [],
    },
    ...(opening ? { location: opening.source } : {}),
    key: [target, ...methods],
  };
}

const SAMPLE_SIZE = 3;

/** A few of the gained actions, the first in name order, for the message. */
function sample(catalog: Catalog, actions: ActionSet): string {
  const names = catalog.sortedNames(actions, SAMPLE_SIZE).join(', ');
  return actions.size() > SAMPLE_SIZE ? `${names} …` : names;
}
