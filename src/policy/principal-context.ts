import type { Principal } from '../model/principal.js';
import { type ContextValue, type KnownContext, type RequestKeys, requestKeys } from './condition.js';

const cache = new WeakMap<Principal, RequestKeys>();

/**
 * The request keys every request of a principal carries, as far as the inputs know them:
 * aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType (`User`, or `AssumedRole` for a role's
 * sessions) and aws:PrincipalIsAWSService; for a user also aws:username and its tags as
 * aws:PrincipalTag/* (complete: a tag it lacks is absent). A role's session may carry session tags
 * that add to or override the role's, so a role's aws:PrincipalTag/* stay unknown, and roles have
 * no aws:username. Everything else about the request stays unknown.
 */
export function principalRequestKeys(principal: Principal): RequestKeys {
  let keys = cache.get(principal);
  if (!keys) {
    keys = buildKeys(principal);
    cache.set(principal, keys);
  }
  return keys;
}

function buildKeys(principal: Principal): RequestKeys {
  if (principal.kind === 'group') return requestKeys({});
  const values: Record<string, ContextValue | null> = {
    'aws:PrincipalAccount': principal.accountId,
    'aws:PrincipalIsAWSService': 'false',
    'aws:PrincipalType': principal.kind === 'user' ? 'User' : 'AssumedRole',
    ...(principal.arnKnown ? { 'aws:PrincipalArn': principal.arn } : {}),
  };
  if (principal.kind === 'role') return requestKeys({ ...values, 'aws:username': null });
  for (const [tag, value] of Object.entries(principal.tags)) values[`aws:PrincipalTag/${tag}`] = value;
  return requestKeys(
    { ...values, 'aws:username': principal.name },
    { completePrefixes: ['aws:PrincipalTag/'] },
  );
}

/** The context with the principal's request keys, unless it already names request keys. */
export function withPrincipal(context: KnownContext, principal: Principal): KnownContext {
  return context.request ? context : { ...context, request: principalRequestKeys(principal) };
}
