// A worker thread that runs iam-simulate (AGPL: test-only) for the differential test, so that its
// ~0.5 ms per request runs beside our engine instead of after it. Plain JavaScript: worker threads
// load it without the test runner's TypeScript transform.
//
// Messages in:  { type: 'set', setId, identity: [{name, policy}], boundary?: [{name, policy}] }
//               { type: 'request', id, setId, principal, request: {action, resource, accountId, context?} }
//               { type: 'drop', setId }
// Messages out: { id, outcome: {kind: 'decision', result} | {kind: 'error', reason} }
import { parentPort } from 'node:worker_threads';
import { runSimulation } from '@cloud-copilot/iam-simulate';

/** setId -> { identity, boundary, validated } */
const sets = new Map();

function asValidated(policies) {
  return policies.map((p) => ({
    name: p.name,
    policy: { __validated: true, policyDocument: p.policy, errors: [] },
  }));
}

function errorReason(errors) {
  const validation = [
    ...Object.values(errors.identityPolicyErrors ?? {}),
    ...Object.values(errors.permissionBoundaryErrors ?? {}),
  ].flat();
  return validation[0] ? `${errors.message}: ${validation[0].message}` : errors.message;
}

async function simulate(message) {
  const set = sets.get(message.setId);
  if (!set) return { kind: 'error', reason: `worker: unknown policy set ${message.setId}` };
  // The first request of a set validates its policies; later ones reuse that validation.
  const wrap = (policies) => (set.validated ? asValidated(policies) : policies);
  const result = await runSimulation(
    {
      request: {
        principal: message.principal,
        action: message.request.action,
        resource: { resource: message.request.resource, accountId: message.request.accountId },
        contextVariables: message.request.context ?? {},
      },
      identityPolicies: wrap(set.identity),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(set.boundary ? { permissionBoundaryPolicies: wrap(set.boundary) } : {}),
    },
    { simulationMode: 'Strict' },
  );
  if (result.resultType === 'error') return { kind: 'error', reason: errorReason(result.errors) };
  set.validated = true;
  // A key iam-simulate drops would be absent for it and present for us: not a fair comparison.
  const ignored = result.resultType === 'single' ? (result.result.ignoredContextKeys ?? []) : [];
  if (ignored.length > 0) return { kind: 'error', reason: `context keys ignored: ${ignored.join(', ')}` };
  return { kind: 'decision', result: result.overallResult };
}

parentPort?.on('message', (message) => {
  if (message.type === 'set') {
    sets.set(message.setId, { identity: message.identity, boundary: message.boundary, validated: false });
  } else if (message.type === 'drop') {
    sets.delete(message.setId);
  } else if (message.type === 'request') {
    simulate(message).then(
      (outcome) => parentPort?.postMessage({ id: message.id, outcome }),
      (error) =>
        parentPort?.postMessage({
          id: message.id,
          outcome: { kind: 'error', reason: `threw: ${String(error)}` },
        }),
    );
  }
});
