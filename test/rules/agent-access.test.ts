import { describe, expect, it } from 'vitest';
import { buildAnalysis } from '../../src/graph/analysis.js';
import { dataReadActions } from '../../src/policy/data-access.js';
import { agentAccessToResource } from '../../src/rules/agent-access.js';
import { ACCOUNT, agentActingAs, configWith, inventoryOf, principal } from '../helpers/inventory.js';
import { testCatalog } from '../helpers/policy.js';

const BUCKET = 'arn:aws:s3:::reports';
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

/** Two agents that both act as role/shared: one as its identity, one by assuming it. */
function analysis() {
  const shared = principal('role', 'shared', {
    trust: { Statement: [{ Effect: 'Allow', Principal: { AWS: role('caller') }, Action: 'sts:AssumeRole' }] },
    policies: [
      {
        Statement: [
          {
            Effect: 'Allow',
            Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteBucket'],
            Resource: '*',
            Condition: { StringEquals: { 'aws:ResourceTag/env': 'dev' } },
          },
        ],
      },
    ],
  });
  const caller = principal('role', 'caller', {
    policies: [{ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: role('shared') }] }],
  });
  const config = configWith([
    agentActingAs('direct', role('shared')),
    agentActingAs('assuming', role('caller')),
  ]);
  return buildAnalysis(testCatalog(), inventoryOf([shared, caller]), config);
}

describe('agentAccessToResource', () => {
  it('answers each agent acting as one principal alike, by the tags and actions asked about', () => {
    // Given two agents that act as one role whose grant holds only on resources tagged env=dev
    const world = analysis();
    const catalog = world.catalog;
    const reads = dataReadActions(catalog);
    // When each asks about the bucket tagged dev, then prod, then dev within reading actions
    const [dev, prod] = [{ env: 'dev' }, { env: 'prod' }];
    const asked = world.agents.map((agent) => ({
      dev: agentAccessToResource(catalog, agent, BUCKET, dev),
      prod: agentAccessToResource(catalog, agent, BUCKET, prod),
      reading: agentAccessToResource(catalog, agent, BUCKET, dev, reads),
    }));
    const names = (accesses: ReturnType<typeof agentAccessToResource>) =>
      accesses.map((a) => [a.via.principal.name, catalog.sortedNames(a.access.actions)]);
    // Then both reach the bucket and its objects through the role when tagged dev; only the objects
    // (whose own tags are not known) when tagged prod; only the object read within reading actions;
    // each by its own way in
    for (const [i, agent] of world.agents.entries()) {
      const answer = asked[i];
      expect(names(answer?.dev ?? [])).toEqual([
        ['shared', ['s3:DeleteBucket']],
        ['shared', ['s3:GetObject', 's3:PutObject']],
      ]);
      expect(names(answer?.prod ?? [])).toEqual([['shared', ['s3:GetObject', 's3:PutObject']]]);
      expect(names(answer?.reading ?? [])).toEqual([['shared', ['s3:GetObject']]]);
      expect(answer?.dev.every((a) => a.via === agent.principals.at(-1))).toBe(true);
    }
    expect(world.agents.map((a) => a.principals.at(-1)?.path.length)).toEqual([1, 2]);
  });
});
