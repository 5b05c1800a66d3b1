import type { Principal } from '../model/principal.js';

/** Tag keys, and tag values, that mark a principal as an AI agent's identity (compared case-insensitively). */
const AGENT_WORDS: ReadonlySet<string> = new Set(['agent', 'ai-agent']);

/** Values of an `agent` / `ai-agent` tag that say the principal is not an agent. */
const NOT_AN_AGENT: ReadonlySet<string> = new Set(['false', 'no', '0']);

/** Values of an `agent` / `ai-agent` tag that mark a principal without naming its agent. */
const UNNAMED: ReadonlySet<string> = new Set(['', 'true', 'yes', '1', ...AGENT_WORDS]);

/**
 * True when the principal's tags mark it as an agent: a tag key `agent` or `ai-agent` whose value is
 * not false, no or 0, or any tag whose value is `agent` or `ai-agent` (all case-insensitive).
 */
export function isTaggedAsAgent(principal: Principal): boolean {
  return Object.entries(principal.tags).some(([key, value]) => {
    const v = value.trim().toLowerCase();
    return (AGENT_WORDS.has(key.toLowerCase()) && !NOT_AN_AGENT.has(v)) || AGENT_WORDS.has(v);
  });
}

/**
 * The agent a tagged principal belongs to: the value of its `agent` (else `ai-agent`) tag when that
 * value is a name (`agent = "release-agent"`), else the principal's own name.
 */
export function taggedAgentName(principal: Principal): string {
  for (const word of AGENT_WORDS) {
    const entry = Object.entries(principal.tags).find(([key]) => key.toLowerCase() === word);
    const value = entry?.[1].trim();
    if (value !== undefined && !UNNAMED.has(value.toLowerCase()) && !NOT_AN_AGENT.has(value.toLowerCase()))
      return value;
  }
  return principal.name;
}
