import type { Principal } from '../../model/principal.js';
import type { PrincipalReach } from '../../policy/reach.js';
import type { EscalationContext, EscalationEdge } from './context.js';

/**
 * One known way for a principal to gain another principal's permissions. `edges` receives the
 * principals the source can already act as (itself, its groups, the roles it can assume …): policy
 * rewrites only matter on those.
 */
export interface EscalationMethod {
  /** What the method is called in reports and docs. */
  readonly name: string;
  /** The source needs some grant of one of these for the method to apply (a cheap filter). */
  readonly keyActions: readonly string[];
  edges(
    ctx: EscalationContext,
    source: Principal,
    reach: PrincipalReach,
    actsAs: readonly Principal[],
  ): EscalationEdge[];
}
