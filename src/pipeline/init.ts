import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import type { AgentAnalysis } from '../graph/analysis.js';
import { isResourcePattern } from '../ingest/config/config-schema.js';
import type { Agent, Declaration, IdentityRef } from '../model/agent.js';
import type { Config } from '../model/config.js';
import type { GeneratedConfig } from '../model/generated-config.js';
import type { Inventory } from '../model/inventory.js';
import { compareText } from '../model/order.js';
import type { Principal } from '../model/principal.js';
import type { ActionSet } from '../policy/action-set.js';
import { compressActionSet } from '../policy/action-wildcards.js';
import { isTaggedAsAgent, taggedAgentName } from '../policy/agent-tags.js';
import type { Catalog } from '../policy/catalog.js';
import { analyseWorld, type InputOptions, readInputs } from './inputs.js';

/**
 * The `init` pipeline: each agent's reach in the world after the plan, as a `may` that declares
 * exactly that reach. Agents are the config's, or, when it declares none, the principals tagged as agents.
 */
export async function init(options: InputOptions): Promise<GeneratedConfig> {
  const inputs = await readInputs('init', options);
  const fromConfig = inputs.config.agents.length > 0;
  const config: Config = fromConfig
    ? inputs.config
    : { ...inputs.config, agents: taggedAgents(inputs.plan.after, inputs.config.file) };
  const after = analyseWorld(inputs, inputs.plan.after, config);
  return {
    ...(inputs.planFile === undefined ? { hcl: inputs.hclDir ?? '' } : { plan: inputs.planFile }),
    ...(inputs.accountFile === undefined ? {} : { account: inputs.accountFile }),
    agentsFrom: fromConfig ? 'config' : 'tags',
    agents: after.agents.map((a) => ({
      name: a.agent.name,
      identities: a.agent.identities,
      may: currentReach(inputs.catalog, a),
    })),
    ...(inputs.configFound
      ? { config: { file: inputs.config.file, text: await readConfigText(inputs.config.file) } }
      : {}),
  };
}

/**
 * Every grant of every principal the agent can act as or become, merged by resource list: the
 * grant's actions as exact catalog patterns, on the resources its statement names (a NotResource
 * statement, or a resource a declaration cannot name, becomes `*`). Declaring this covers the reach.
 */
export function currentReach(catalog: Catalog, analysis: AgentAnalysis): Declaration[] {
  const byResources = new Map<string, { resources: string[]; actions: ActionSet }>();
  for (const via of analysis.principals) {
    for (const grant of via.reach.grants) {
      const resources = declarableResources(
        grant.scopes[0]?.kind === 'resources' ? grant.scopes[0].patterns.map((p) => p.source) : ['*'],
      );
      const key = JSON.stringify(resources);
      const entry = byResources.get(key);
      byResources.set(key, {
        resources,
        actions: entry ? entry.actions.union(grant.actions) : grant.actions,
      });
    }
  }
  return [...byResources.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([, entry]) => ({ actions: compressActionSet(catalog, entry.actions), resources: entry.resources }));
}

function declarableResources(patterns: readonly string[]): string[] {
  const resources = patterns.map((p) => (isResourcePattern(p) ? p : '*'));
  return resources.includes('*') ? ['*'] : [...new Set(resources)].sort(compareText);
}

/** One agent per agent name the tags give (an `agent` tag's value, else the principal's name), acting as its principals. */
function taggedAgents(inventory: Inventory, file: string): Agent[] {
  const byName = new Map<string, Principal[]>();
  for (const principal of inventory.principals) {
    if (principal.kind === 'group' || !isTaggedAsAgent(principal)) continue;
    const name = taggedAgentName(principal);
    byName.set(name, [...(byName.get(name) ?? []), principal]);
  }
  return [...byName.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([name, principals]) => ({
      name,
      identities: principals.map(identityOf).sort((a, b) => compareText(identityText(a), identityText(b))),
      may: [],
      environments: [],
      data: { read: [], write: [] },
      forbid: [],
      allowZones: [],
      humanApproval: [],
      source: { file },
    }));
}

/** The ARN, or the Terraform address when the ARN is known only after apply. */
function identityOf(principal: Principal): IdentityRef {
  return !principal.arnKnown && principal.address !== undefined
    ? { terraform: principal.address }
    : { arn: principal.arn };
}

function identityText(ref: IdentityRef): string {
  return 'arn' in ref ? ref.arn : ref.terraform;
}

async function readConfigText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError('input.unreadable', 'the config file can no longer be read', {
      location: { file },
      cause: error,
    });
  }
}
