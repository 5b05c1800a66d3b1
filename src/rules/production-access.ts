import type { AgentAnalysis, Analysis } from '../graph/analysis.js';
import type { Catalog } from '../policy/catalog.js';
import { modifyingActions } from '../policy/data-access.js';
import { classAccess } from './classified-access.js';
import type { AgentAccess } from './evidence.js';

/** Environment names that mean production. */
const PRODUCTION_NAMES = new Set(['production', 'prod']);

export function isProductionEnvironment(name: string): boolean {
  return PRODUCTION_NAMES.has(name.toLowerCase());
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
