import type { EscalationEdge } from './context.js';
import { candidateTargets, permits } from './context.js';
import type { EscalationMethod } from './method.js';

const KEY_ACTIONS = ['iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile'];

/** New credentials for another user (an access key, or a console password): act as that user. */
export const userCredentials: EscalationMethod = {
  name: 'create credentials for another user',
  keyActions: KEY_ACTIONS,
  edges(ctx, source, reach) {
    const out: EscalationEdge[] = [];
    for (const user of candidateTargets(ctx, reach, KEY_ACTIONS, ctx.targets.user)) {
      if (user.arn === source.arn) continue;
      const actions = [
        'iam:CreateAccessKey',
        ...(user.hasLoginProfile === true ? [] : ['iam:CreateLoginProfile']),
        'iam:UpdateLoginProfile',
      ];
      for (const action of actions) {
        const permission = permits(ctx, reach, [[action, user.arn]]);
        if (!permission) continue;
        out.push({ from: source.arn, to: user.arn, kind: 'can-escalate', method: action, ...permission });
        break;
      }
    }
    return out;
  },
};
