import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/model/principal.js';
import { isTaggedAsAgent, taggedAgentName } from '../../src/policy/agent-tags.js';
import { principal } from '../helpers/inventory.js';

const tagged = (tags: Record<string, string>): Principal => ({ ...principal('role', 'worker'), tags });

describe('isTaggedAsAgent', () => {
  it.each([
    { name: 'an agent key with a name', tags: { agent: 'release-agent' }, expected: true },
    { name: 'an ai-agent key, any case', tags: { 'AI-Agent': 'true' }, expected: true },
    { name: 'an agent key with an empty value', tags: { Agent: '' }, expected: true },
    { name: 'an agent key set to false', tags: { agent: 'false' }, expected: false },
    { name: 'an agent key set to No', tags: { agent: 'No' }, expected: false },
    { name: 'an agent key set to 0', tags: { 'ai-agent': '0' }, expected: false },
    { name: 'any key whose value is agent', tags: { role: 'Agent' }, expected: true },
    { name: 'any key whose value is ai-agent', tags: { kind: 'ai-agent' }, expected: true },
    { name: 'unrelated tags', tags: { owner: 'agents-team', agentic: 'yes' }, expected: false },
    { name: 'no tags', tags: {}, expected: false },
  ])('$name: $expected', ({ tags, expected }) => {
    expect(isTaggedAsAgent(tagged(tags))).toBe(expected);
  });
});

describe('taggedAgentName', () => {
  it.each([
    { name: 'the agent tag names the agent', tags: { agent: 'release-agent' }, expected: 'release-agent' },
    {
      name: 'the ai-agent tag names it when agent does not',
      tags: { 'ai-agent': 'triage' },
      expected: 'triage',
    },
    { name: 'a yes value names nothing: the principal name', tags: { agent: 'yes' }, expected: 'worker' },
    { name: 'a value of agent names nothing', tags: { kind: 'agent' }, expected: 'worker' },
  ])('$name', ({ tags, expected }) => {
    expect(taggedAgentName(tagged(tags))).toBe(expected);
  });
});
