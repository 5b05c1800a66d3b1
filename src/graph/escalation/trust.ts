import type { StatementRef } from '../../model/policy.js';
import type { Principal } from '../../model/principal.js';
import { statementRef } from '../../policy/statement.js';

/** The role's trust statement that lets `service` assume it, if any (Allow, naming the service). */
export function trustsService(
  role: Principal,
  service: string,
): { statement: StatementRef; conditional: boolean } | undefined {
  const trust = role.trustPolicy;
  if (!trust) return undefined;
  for (const s of trust.document.statements) {
    if (s.effect !== 'Allow') continue;
    const services = s.principal?.Service ?? [];
    if (!services.some((name) => name.toLowerCase() === service)) continue;
    return { statement: statementRef(trust, s), conditional: s.condition !== undefined };
  }
  return undefined;
}
