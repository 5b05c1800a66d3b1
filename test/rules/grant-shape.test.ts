import { describe, expect, it } from 'vitest';
import type { ConditionMap, StatementRef } from '../../src/model/policy.js';
import { ActionSet } from '../../src/policy/action-set.js';
import { compileArnPattern } from '../../src/policy/arn-pattern.js';
import type { Grant } from '../../src/policy/reach.js';
import type { ResourceScope } from '../../src/policy/resource-scope.js';
import { byGrantShape } from '../../src/rules/grant-shape.js';

const statement: StatementRef = {
  policyId: 'p',
  policyName: 'p',
  policyKind: 'inline',
  statementIndex: 0,
  source: { file: 'p.json' },
};
const scopeOf = (pattern: string): ResourceScope => ({
  kind: 'resources',
  patterns: [compileArnPattern(pattern)],
});
const grant = (actions: ActionSet, scopes: ResourceScope[], conditions: ConditionMap[] = []): Grant => ({
  actions,
  scopes,
  conditions,
  statement,
  limitedBy: [],
});

describe('byGrantShape', () => {
  it('judges grants made of the same action set, scope and condition once, and any other grant anew', () => {
    // Given grants of several principals built from the same statement objects, and grants that differ in one part
    const actions = ActionSet.of(10, [1, 2]);
    const scope = scopeOf('arn:aws:s3:::bucket/*');
    const condition: ConditionMap = { Bool: { 'aws:SecureTransport': ['true'] } };
    const judged: Grant[] = [];
    const judge = byGrantShape((g) => {
      judged.push(g);
      return judged.length;
    });
    const held = [grant(actions, [scope]), grant(actions, [scope])];
    const conditional = [grant(actions, [scope], [condition]), grant(actions, [scope], [condition])];
    const others = [
      grant(ActionSet.of(10, [1, 2]), [scope]),
      grant(actions, [scopeOf('arn:aws:s3:::bucket/*')]),
      grant(actions, [scope], [{ Bool: { 'aws:SecureTransport': ['true'] } }]),
    ];
    const capped = [grant(actions, [scope, scope]), grant(actions, [scope, scope])];
    // When each is judged, Then the same shape shares one answer and every other shape, or a capped grant, has its own
    expect(held.map(judge)).toEqual([1, 1]);
    expect(conditional.map(judge)).toEqual([2, 2]);
    expect(others.map(judge)).toEqual([3, 4, 5]);
    expect(capped.map(judge)).toEqual([6, 7]);
  });
});
