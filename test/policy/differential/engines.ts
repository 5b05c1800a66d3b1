// iam-simulate is AGPL-3.0: it is imported here, in test/, and never from src/.
import { type RunSimulationResults, runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import type { Catalog } from '../../../src/policy/catalog.js';
import { type KnownContext, requestKeys } from '../../../src/policy/condition.js';
import { evaluateRequest } from '../../../src/policy/evaluate.js';
import { computePrincipalReach } from '../../../src/policy/reach.js';
import { policyFrom } from '../../helpers/policy.js';
import {
  type Decision,
  type DiffRequest,
  type NamedPolicy,
  type PolicySet,
  PRINCIPAL_ARN,
  type SimulatorOutcome,
} from './types.js';

/** Our engine on one policy set: reach is computed once, then each request is decided against it. */
export function ourEngine(catalog: Catalog, set: PolicySet): (request: DiffRequest) => Decision {
  const reach = computePrincipalReach(catalog, {
    principalArn: PRINCIPAL_ARN,
    policies: set.identity.map((p) => ({
      policy: policyFrom(p.document, p.name, p.origin === 'generated' ? 'inline' : 'aws-managed'),
    })),
    ...(set.boundary
      ? {
          boundary: { policies: set.boundary.map((p) => policyFrom(p.document, p.name, 'customer-managed')) },
        }
      : {}),
  });
  return (request) =>
    evaluateRequest(catalog, reach, request.action, request.resource, { context: wholeContext(request) })
      .decision;
}

/** The request's context as our engine takes it: every key not listed is known to be absent. */
export function wholeContext(request: DiffRequest): KnownContext {
  return { request: requestKeys(request.context ?? {}, { complete: true }) };
}

export interface SimulateOptions {
  /** A resource policy, for probes only (the differential itself never sends one). */
  readonly resourcePolicy?: unknown;
}

/**
 * iam-simulate on one policy set. The first request validates the policies; later requests pass
 * them as iam-policy `ValidatedPolicy` values (the shape runSimulation accepts to skip repeating
 * validation), which makes the differential several times faster on large managed policies.
 */
export function theirEngine(
  set: PolicySet,
): (request: DiffRequest, options?: SimulateOptions) => Promise<SimulatorOutcome> {
  let validated = false;
  return async (request, options = {}) => {
    const outcome = await simulate(set, request, options, validated);
    if (outcome.kind === 'decision') validated = true;
    return outcome;
  };
}

/**
 * iam-simulate on one request: identity policies, the boundary when there is one, no SCPs, no
 * RCPs beyond its implicit RCPFullAWSAccess, no resource policy, the request's context, Strict mode.
 */
export async function simulate(
  set: PolicySet,
  request: DiffRequest,
  options: SimulateOptions = {},
  alreadyValidated = false,
): Promise<SimulatorOutcome> {
  const toPolicy = (p: NamedPolicy) => ({
    name: p.name,
    policy: alreadyValidated ? { __validated: true, policyDocument: p.document, errors: [] } : p.document,
  });
  const simulation: Simulation = {
    request: {
      principal: PRINCIPAL_ARN,
      action: request.action,
      resource: { resource: request.resource, accountId: request.accountId },
      contextVariables: contextVariables(request),
    },
    identityPolicies: set.identity.map(toPolicy),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(set.boundary ? { permissionBoundaryPolicies: set.boundary.map(toPolicy) } : {}),
    ...(options.resourcePolicy === undefined ? {} : { resourcePolicy: options.resourcePolicy }),
  };
  return toOutcome(await runSimulation(simulation, { simulationMode: 'Strict' }));
}

/** The context as iam-simulate's `contextVariables` (a mutable record of strings or lists). */
export function contextVariables(request: DiffRequest): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(request.context ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : [...v]]),
  );
}

function toOutcome(result: RunSimulationResults): SimulatorOutcome {
  if (result.resultType === 'error') return { kind: 'error', reason: errorReason(result.errors) };
  // A key iam-simulate drops would be absent for it and present for us: not a fair comparison.
  const ignored = result.resultType === 'single' ? (result.result.ignoredContextKeys ?? []) : [];
  if (ignored.length > 0) return { kind: 'error', reason: `context keys ignored: ${ignored.join(', ')}` };
  switch (result.overallResult) {
    case 'Allowed':
      return { kind: 'decision', decision: 'allow' };
    case 'ExplicitlyDenied':
      return { kind: 'decision', decision: 'explicit-deny' };
    case 'ImplicitlyDenied':
      return { kind: 'decision', decision: 'implicit-deny' };
    default:
      return { kind: 'error', reason: `unexpected result ${String(result.overallResult)}` };
  }
}

function errorReason(errors: Extract<RunSimulationResults, { resultType: 'error' }>['errors']): string {
  const validation = [
    ...Object.values(errors.identityPolicyErrors ?? {}),
    ...Object.values(errors.permissionBoundaryErrors ?? {}),
  ].flat();
  const first = validation[0];
  return first ? `${errors.message}: ${first.message}` : errors.message;
}
