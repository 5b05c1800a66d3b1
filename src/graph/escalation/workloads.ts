import type { EscalationEdge } from './context.js';
import { candidateTargets, permits } from './context.js';
import type { EscalationMethod } from './method.js';
import { WORKLOAD_METHODS } from './workload-methods.js';

const KEY_ACTIONS = WORKLOAD_METHODS.flatMap((m) => m.alternatives.flat());

/** Changing the code of (or a shell on) an existing workload: act as the roles it runs with. */
export const workloadTakeover: EscalationMethod = {
  name: 'change what an existing workload runs',
  keyActions: KEY_ACTIONS,
  edges(ctx, source, reach) {
    const out: EscalationEdge[] = [];
    for (const workload of candidateTargets(ctx, reach, KEY_ACTIONS, ctx.targets.workload)) {
      const method = WORKLOAD_METHODS.find((m) => m.types.includes(workload.type));
      const roles = (workload.runsAs ?? []).filter((arn) => arn !== source.arn);
      if (!method || roles.length === 0) continue;
      for (const actions of method.alternatives) {
        const permission = permits(
          ctx,
          reach,
          actions.map((a) => [a, workload.arn] as const),
        );
        if (!permission) continue;
        for (const role of roles) {
          out.push({
            from: source.arn,
            to: role,
            kind: 'can-escalate',
            method: actions.join('+'),
            via: workload.arn,
            ...permission,
          });
        }
        break;
      }
    }
    return out;
  },
};
