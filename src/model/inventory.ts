import type { Policy } from './policy.js';
import type { Principal } from './principal.js';
import type { Resource, ResourcePolicy } from './resource.js';
import type { Diagnostic } from './source.js';

/** Everything known about one state of the world (before or after a plan, or an account snapshot). */
export interface Inventory {
  readonly principals: readonly Principal[];
  /** Customer managed policies defined in the inputs, and AWS managed policies they reference. */
  readonly managedPolicies: readonly Policy[];
  readonly resources: readonly Resource[];
  readonly resourcePolicies: readonly ResourcePolicy[];
  /** Account ids the inputs describe; the first is the one they mostly describe (the home account). */
  readonly accountIds: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The account id of inputs that do not show theirs (a plan without a caller identity). */
export const UNKNOWN_ACCOUNT_ID = '000000000000';

/**
 * Whether the inputs describe this account: false only for an account other than the ones a known
 * home account's inputs show (an identity there is judged when that account is audited).
 */
export function describesAccount(inventory: Pick<Inventory, 'accountIds'>, accountId: string): boolean {
  const [home] = inventory.accountIds;
  return home === undefined || home === UNKNOWN_ACCOUNT_ID || inventory.accountIds.includes(accountId);
}
