import type { AgentAnalysis, Analysis } from '../graph/analysis.js';
import type { Catalog } from '../policy/catalog.js';
import { modifyingActions } from '../policy/data-access.js';
import { classAccess } from './classified-access.js';
import type { AgentAccess } from './evidence.js';

/** An environment name means production when a word of it is prod, production, prd or live (`prod-eu`). */
const PRODUCTION_NAME = /(^|[-_.\s])(prod|production|prd|live)($|[-_.\s])/i;

export function isProductionEnvironment(name: string): boolean {
  return PRODUCTION_NAME.test(name);
}

/** Production environments defined in the config. */
export function productionEnvironments(analysis: Analysis): string[] {
  return analysis.environments.names().filter(isProductionEnvironment);
}

/** Every production resource (or pattern) the agent can modify, with the access that allows it. */
export function productionAccess(
  catalog: Catalog,
  analysis: Analysis,
  agent: AgentAnalysis,
): { resource: string; access: AgentAccess }[] {
  return productionEnvironments(analysis).flatMap((env) =>
    classAccess(catalog, analysis, agent, 'environments', env, modifyingActions(catalog)).flatMap((hit) =>
      hit.accesses.map((access) => ({ resource: hit.resource, access })),
    ),
  );
}
