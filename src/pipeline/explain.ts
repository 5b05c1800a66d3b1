import { UsageError } from '../errors.js';
import type { AgentAnalysis } from '../graph/analysis.js';
import type { ReachablePrincipal } from '../graph/closure.js';
import { closestMatch } from '../ingest/config/messages.js';
import type { Config } from '../model/config.js';
import type {
  ActionExplanation,
  AllowingPath,
  ExplainedAgent,
  ExplainedDeny,
  ExplainedGrant,
  ExplainedPrincipal,
  ExplainReport,
  ReachExplanation,
  Refusal,
  ResourceVerdict,
} from '../model/explanation.js';
import { compareText } from '../model/order.js';
import { compressActionSet } from '../policy/action-wildcards.js';
import { splitConcreteArn } from '../policy/arn-pattern.js';
import type { Catalog } from '../policy/catalog.js';
import { describeConditions, evaluateConditions } from '../policy/condition.js';
import { evaluateRequest } from '../policy/evaluate.js';
import { principalRequestKeys } from '../policy/principal-context.js';
import type { Grant } from '../policy/reach.js';
import { describeScope, scopeMatches } from '../policy/resource-scope.js';
import type { CompiledStatement } from '../policy/statement.js';
import { analyseWorld, type InputOptions, readInputs, reportInputs, toolInfo } from './inputs.js';

export interface ExplainOptions extends InputOptions {
  /** The agent's name, as declared in blast-radius.yaml. */
  readonly agent: string;
  /** One catalog action (any case); without it, the agent's whole reach is explained. */
  readonly action?: string;
  /** The resource of the request; without it, every resource pattern a statement allowing the action names. */
  readonly resource?: string;
  readonly version: string;
}

/**
 * The `explain` pipeline: in the world after the plan, why the agent can (or cannot) make a
 * request, through every principal it can act as; or, without an action, what each principal reaches.
 *
 * @throws UsageError for an agent the config does not declare, or an action the catalog does not hold.
 */
export async function explain(options: ExplainOptions): Promise<ExplainReport> {
  const inputs = await readInputs('explain', options);
  const { catalog, config } = inputs;
  const action = options.action === undefined ? undefined : resolveAction(catalog, options.action);
  const analysis = analyseWorld(inputs, inputs.plan.after).agents.find((a) => a.agent.name === options.agent);
  if (!analysis) throw unknownAgentError(options.agent, config, inputs.configFound);
  return {
    schemaVersion: 1,
    tool: toolInfo(inputs, options.version),
    inputs: reportInputs(inputs),
    agent: explainedAgent(analysis),
    explanation:
      action === undefined
        ? explainReach(catalog, analysis)
        : explainAction(catalog, analysis, action, options.resource),
  };
}

function explainedAgent(analysis: AgentAnalysis): ExplainedAgent {
  const name = (ref: AgentAnalysis['identities'][number]['ref']) =>
    'arn' in ref ? ref.arn : `terraform:${ref.terraform}`;
  return {
    name: analysis.agent.name,
    ...(analysis.agent.owner === undefined ? {} : { owner: analysis.agent.owner }),
    identities: analysis.identities.map((i) => name(i.ref)),
    unresolvedIdentities: analysis.identities.filter((i) => !i.principal).map((i) => name(i.ref)),
  };
}

function explainReach(catalog: Catalog, analysis: AgentAnalysis): ReachExplanation {
  return {
    kind: 'reach',
    principals: analysis.principals.map((via) => {
      const actions = via.reach.grants.reduce((set, g) => set.union(g.actions), catalog.none);
      const byService = new Map<string, number>();
      for (const name of catalog.names(actions)) {
        const service = name.slice(0, name.indexOf(':'));
        byService.set(service, (byService.get(service) ?? 0) + 1);
      }
      return {
        principal: explainedPrincipal(via),
        actionCount: actions.size(),
        services: [...byService.entries()]
          .map(([service, count]) => ({ service, actions: count }))
          .sort((a, b) => b.actions - a.actions || compareText(a.service, b.service)),
        grants: via.reach.grants.map((g) => explainedGrant(catalog, g)),
      };
    }),
  };
}

/** `action` is a catalog index. */
function explainAction(
  catalog: Catalog,
  analysis: AgentAnalysis,
  action: number,
  resource: string | undefined,
): ActionExplanation {
  const resourceless = catalog.wildcardOnly.has(action);
  const judged = resourceless
    ? ['*']
    : resource !== undefined
      ? [resource]
      : patternsGranting(catalog, analysis.principals, action);
  const verdicts = judged.map((r) => judge(catalog, analysis.principals, action, r));
  return {
    kind: 'action',
    action: catalog.actionName(action),
    ...(resource === undefined ? {} : { resource }),
    resourceless,
    allowed: verdicts.some((v) => v.allowed),
    verdicts,
  };
}

/** The resource patterns of every statement that grants the action and that it can apply to; `*` when none does. */
function patternsGranting(
  catalog: Catalog,
  principals: readonly ReachablePrincipal[],
  action: number,
): string[] {
  const patterns = new Set<string>();
  for (const via of principals) {
    for (const grant of via.reach.grants) {
      if (!grant.actions.has(action)) continue;
      const scope = grant.scopes[0];
      if (!scope || scope.kind === 'not-resources') patterns.add('*');
      else
        for (const p of scope.patterns) if (catalog.actionsOnPattern(p).has(action)) patterns.add(p.source);
    }
  }
  return patterns.size > 0 ? [...patterns].sort(compareText) : ['*'];
}

function judge(
  catalog: Catalog,
  principals: readonly ReachablePrincipal[],
  action: number,
  resource: string,
): ResourceVerdict {
  const name = catalog.actionName(action);
  const paths: AllowingPath[] = [];
  const refusals: Refusal[] = [];
  for (const via of principals) {
    // The principal's own keys (ARN, account, a user's tags …) decide the conditions they can.
    const context = { request: principalRequestKeys(via.principal) };
    const decision = evaluateRequest(catalog, via.reach, name, resource, { context });
    const principal = explainedPrincipal(via);
    const grants = decision.grants.map((g) => explainedGrant(catalog, g));
    if (decision.decision === 'allow') {
      const arn = splitConcreteArn(catalog.wildcardOnly.has(action) ? '*' : resource);
      const gates = via.reach.conditionalDenies
        .filter(
          (d) =>
            d.actions.has(action) &&
            scopeMatches(d.scope, arn) &&
            (d.condition === undefined || evaluateConditions([d.condition], context) !== 'false'),
        )
        .map(explainedDeny);
      paths.push({ principal, grants, gates });
    } else {
      const reason =
        decision.decision === 'explicit-deny'
          ? 'explicit-deny'
          : grants.length > 0
            ? 'other-account'
            : 'no-allow';
      refusals.push({ principal, reason, denies: decision.denies.map(explainedDeny), grants });
    }
  }
  return { resource, allowed: paths.length > 0, paths, refusals };
}

function explainedPrincipal(via: ReachablePrincipal): ExplainedPrincipal {
  return {
    arn: via.principal.arn,
    kind: via.principal.kind,
    ...(via.principal.address === undefined ? {} : { address: via.principal.address }),
    path: via.path,
    conditional: via.conditional,
    escalated: via.escalated,
  };
}

function explainedGrant(catalog: Catalog, grant: Grant): ExplainedGrant {
  return {
    statement: grant.statement,
    actions: compressActionSet(catalog, grant.actions),
    actionCount: grant.actions.size(),
    resources: grant.scopes[0] ? describeScope(grant.scopes[0]) : ['*'],
    conditions: describeConditions(grant.conditions),
    limitedBy: grant.limitedBy,
    ...(grant.viaGroup === undefined ? {} : { viaGroup: grant.viaGroup }),
  };
}

function explainedDeny(deny: CompiledStatement): ExplainedDeny {
  const conditions = deny.condition ? describeConditions([deny.condition]) : [];
  return {
    statement: deny.ref,
    resources: describeScope(deny.scope),
    conditions:
      deny.dependsOnRequest && conditions.length === 0
        ? ['a policy variable in its Resource matches the request']
        : conditions,
  };
}

/** The catalog index of one action named on the command line (any case). */
function resolveAction(catalog: Catalog, action: string): number {
  const index = catalog.indexOf(action.trim());
  if (index !== undefined) return index;
  if (/[*?]/.test(action)) {
    const matches = catalog.names(catalog.expand(action.trim()));
    return usageError(
      `--action takes one action, received the pattern "${action}"`,
      matches.length > 0
        ? `it matches ${matches.length} actions, such as ${matches.slice(0, 3).join(', ')}: explain one at a time`
        : 'name one action, such as s3:DeleteObject',
    );
  }
  return usageError(`--action: no action "${action}" in the IAM action catalog`, actionHint(catalog, action));
}

function actionHint(catalog: Catalog, action: string): string {
  const colon = action.indexOf(':');
  const service = colon > 0 ? action.slice(0, colon).toLowerCase() : '';
  if (!catalog.hasService(service)) {
    const near = closestMatch(service, catalog.serviceNames());
    const fixed = near === undefined ? undefined : catalog.indexOf(`${near}:${action.slice(colon + 1)}`);
    if (fixed !== undefined) return `did you mean ${catalog.actionName(fixed)}?`;
    if (near !== undefined) return `no service "${service}"; did you mean ${near}?`;
    return 'write the action as service:Action, such as s3:DeleteObject';
  }
  const names = catalog.names(catalog.serviceActions(service));
  const near = closestMatch(action, names);
  if (near !== undefined) return `did you mean ${near}?`;
  const starting = names.filter((n) => n.toLowerCase().startsWith(action.toLowerCase()));
  if (starting.length > 0) return `actions that start with "${action}": ${starting.slice(0, 5).join(', ')}`;
  return `the ${service} actions are listed in the AWS Service Authorization Reference`;
}

function usageError(message: string, hint: string): never {
  throw new UsageError('usage.invalid-action', message, { hint });
}

function unknownAgentError(name: string, config: Config, configFound: boolean): UsageError {
  const declared = config.agents.map((a) => a.name);
  if (!configFound) {
    return new UsageError(
      'usage.unknown-agent',
      `no agent "${name}": no blast-radius.yaml declares any agent`,
      {
        hint: 'pass --config, or write one with `blast-radius init`',
      },
    );
  }
  const near = closestMatch(name, declared);
  return new UsageError(
    'usage.unknown-agent',
    declared.length === 0
      ? `no agent "${name}": the config declares no agents`
      : `no agent "${name}"; the agents declared are ${declared.join(', ')}`,
    {
      location: { file: config.file },
      ...(near === undefined ? {} : { hint: `did you mean ${near}?` }),
    },
  );
}
