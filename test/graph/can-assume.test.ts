import { describe, expect, it } from 'vitest';
import { buildAnalysis } from '../../src/graph/analysis.js';
import type { Principal } from '../../src/model/principal.js';
import {
  ACCOUNT,
  agentActingAs,
  allowAssume,
  configWith,
  inventoryOf,
  principal,
  trustArn,
} from '../helpers/inventory.js';
import { testCatalog } from '../helpers/policy.js';

const SOURCE = `arn:aws:iam::${ACCOUNT}:role/agent`;
const TARGET = `arn:aws:iam::${ACCOUNT}:role/target`;

/** The principals the agent (acting as role/agent) reaches, with the kinds of the hops. */
function reached(principals: readonly Principal[]) {
  const analysis = buildAnalysis(
    testCatalog(),
    inventoryOf(principals),
    configWith([agentActingAs('bot', SOURCE)]),
  );
  return (analysis.agents[0]?.principals ?? []).map((p) => ({
    arn: p.principal.arn,
    hops: p.path.map((h) => h.kind),
    conditional: p.conditional,
  }));
}

describe('can-assume edges', () => {
  it('a trust policy naming the role ARN in the same account is enough on its own', () => {
    const result = reached([
      principal('role', 'agent'),
      principal('role', 'target', { trust: trustArn(SOURCE) }),
    ]);
    expect(result).toContainEqual({ arn: TARGET, hops: ['acts-as', 'can-assume'], conditional: false });
  });

  it('a trust policy naming the account root needs an identity Allow of sts:AssumeRole', () => {
    const trust = trustArn(`arn:aws:iam::${ACCOUNT}:root`);
    expect(
      reached([principal('role', 'agent'), principal('role', 'target', { trust })]).map((r) => r.arn),
    ).toEqual([SOURCE]);
    const allowed = principal('role', 'agent', { policies: [allowAssume(TARGET)] });
    expect(reached([allowed, principal('role', 'target', { trust })]).map((r) => r.arn)).toEqual([
      SOURCE,
      TARGET,
    ]);
  });

  it('an account id in the trust policy means the account root', () => {
    const allowed = principal('role', 'agent', { policies: [allowAssume('*')] });
    expect(
      reached([allowed, principal('role', 'target', { trust: trustArn(ACCOUNT) })]).map((r) => r.arn),
    ).toContain(TARGET);
  });

  it('an explicit Deny of sts:AssumeRole in the source removes the edge', () => {
    const denied = principal('role', 'agent', {
      policies: [{ Statement: [{ Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' }] }],
    });
    expect(
      reached([denied, principal('role', 'target', { trust: trustArn(SOURCE) })]).map((r) => r.arn),
    ).toEqual([SOURCE]);
  });

  it('sources with the same sts:AssumeRole statements each get their own edges to account-trusting roles', () => {
    // Given two roles that trust the account and hold the same Allow, and a third whose trust also
    // denies one of them by ARN
    const root = `arn:aws:iam::${ACCOUNT}:root`;
    const trust = trustArn(root);
    const denying = {
      Statement: [
        { Effect: 'Allow', Principal: { AWS: root }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny', Principal: { AWS: SOURCE }, Action: 'sts:AssumeRole' },
      ],
    };
    const policies = [allowAssume('*')];
    const principals = [
      principal('role', 'agent', { policies, trust }),
      principal('role', 'target', { policies, trust }),
      principal('role', 'third', { trust: denying }),
    ];
    // When the graph is built for an agent acting as the first, Then each reaches the other but
    // never itself, and the Deny holds
    const graph = buildAnalysis(
      testCatalog(),
      inventoryOf(principals),
      configWith([agentActingAs('bot', SOURCE)]),
    ).graph;
    const edges = graph
      .filterEdges((_edge, attrs) => attrs.kind === 'can-assume')
      .map((edge) => `${graph.source(edge)} can-assume ${graph.target(edge)}`);
    const key = (name: string) => `principal:arn:aws:iam::${ACCOUNT}:role/${name}`;
    expect(edges).toEqual([
      `${key('agent')} can-assume ${key('target')}`,
      `${key('target')} can-assume ${key('agent')}`,
      `${key('target')} can-assume ${key('third')}`,
    ]);
  });

  it('a trust policy that only names a service gives no edge', () => {
    const trust = {
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    };
    const allowed = principal('role', 'agent', { policies: [allowAssume('*')] });
    expect(reached([allowed, principal('role', 'target', { trust })]).map((r) => r.arn)).toEqual([SOURCE]);
  });

  it('a conditional trust statement gives a conditional path', () => {
    const trust = trustArn(SOURCE, { Condition: { StringEquals: { 'sts:ExternalId': 'x' } } });
    expect(reached([principal('role', 'agent'), principal('role', 'target', { trust })])).toContainEqual({
      arn: TARGET,
      hops: ['acts-as', 'can-assume'],
      conditional: true,
    });
  });

  it('cross-account: naming the ARN is not enough without the identity permission', () => {
    const source = principal('role', 'agent');
    const foreign = principal('role', 'target', { account: '222222222222', trust: trustArn(SOURCE) });
    expect(reached([source, foreign]).map((r) => r.arn)).toEqual([SOURCE]);
    const allowed = principal('role', 'agent', {
      policies: [allowAssume('arn:aws:iam::222222222222:role/*')],
    });
    expect(reached([allowed, foreign]).map((r) => r.arn)).toContain('arn:aws:iam::222222222222:role/target');
  });

  it('follows chains and explains each by its shortest path', () => {
    const middle = `arn:aws:iam::${ACCOUNT}:role/middle`;
    const result = reached([
      principal('role', 'agent'),
      principal('role', 'middle', { trust: trustArn(SOURCE) }),
      principal('role', 'target', { trust: trustArn(middle) }),
    ]);
    expect(result.map((r) => [r.arn, r.hops])).toEqual([
      [SOURCE, ['acts-as']],
      [middle, ['acts-as', 'can-assume']],
      [TARGET, ['acts-as', 'can-assume', 'can-assume']],
    ]);
  });

  it("a user's group policies are part of the user's reach, not a separate identity", () => {
    const catalog = testCatalog();
    const group = principal('group', 'admins', {
      policies: [{ Statement: [{ Effect: 'Allow', Action: 's3:DeleteBucket', Resource: '*' }] }],
    });
    const user = principal('user', 'bot', { groups: ['admins'] });
    const analysis = buildAnalysis(
      catalog,
      inventoryOf([user, group]),
      configWith([agentActingAs('bot', user.arn)]),
    );
    const principals = analysis.agents[0]?.principals ?? [];
    expect(principals.map((p) => p.principal.arn)).toEqual([user.arn]);
    expect(principals[0]?.reach.grants[0]?.viaGroup).toBe(group.arn);
  });
});
