import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect } from 'vitest';
import type { ReachablePrincipal } from '../../src/graph/closure.js';
import type { Principal } from '../../src/model/principal.js';
import { splitConcreteArn } from '../../src/policy/arn-pattern.js';
import type { Catalog } from '../../src/policy/catalog.js';
import { withPrincipal } from '../../src/policy/principal-context.js';
import { accessOnTarget, computePrincipalReach } from '../../src/policy/reach.js';
import { ArnList } from '../../src/policy/request-index.js';
import { scopeMatches } from '../../src/policy/resource-scope.js';
import type { AgentAccess } from '../../src/rules/evidence.js';
import { type Candidate, groupAccess, type ResourceGroup } from '../../src/rules/group-access.js';
import { policyFrom, testCatalog } from '../helpers/policy.js';

const RUNS = Number(process.env.BLAST_RADIUS_PROP_RUNS ?? 200);
let catalog: Catalog;
beforeAll(() => {
  catalog = testCatalog();
});

const ROLE = 'arn:aws:iam::111111111111:role/';
/** Roles of two environments and two teams, some tagged, one untagged and one with an odd tag case. */
const ROLES = [
  { arn: `${ROLE}prod-a-1`, tags: { env: 'prod', team: 'a' } },
  { arn: `${ROLE}prod-a-2`, tags: { env: 'prod', team: 'a' } },
  { arn: `${ROLE}prod-b-1`, tags: { env: 'prod', team: 'b' } },
  { arn: `${ROLE}dev-a-1`, tags: { env: 'dev', team: 'a' } },
  { arn: `${ROLE}dev-b-1`, tags: { env: 'dev', team: 'b' } },
  { arn: `${ROLE}dev-b-2`, tags: {} },
  { arn: `${ROLE}prod-c-1`, tags: { Env: 'prod' } },
];
const ACTIONS = ['iam:*', 'iam:AttachRolePolicy', 'iam:DeleteRole', 'iam:Tag*', 's3:*', '*'];
const RESOURCES = [
  '*',
  `${ROLE}prod-*`,
  'arn:aws:iam::*:role/*-a-*',
  `${ROLE}dev-b-2`,
  `${ROLE}prod-a-1`,
  'arn:aws:s3:::bucket',
];
const CONDITIONS = [
  { StringEquals: { 'aws:ResourceTag/env': 'prod' } },
  { StringNotEquals: { 'aws:ResourceTag/team': 'a' } },
  { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
  { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  { StringEquals: { 'aws:PrincipalAccount': '111111111111' } },
  { StringEquals: { 'aws:PrincipalAccount': '222222222222' } },
];

const statement = fc.record(
  {
    Effect: fc.constantFrom('Allow', 'Deny'),
    Action: fc.subarray(ACTIONS, { minLength: 1, maxLength: 2 }),
    Resource: fc.subarray(RESOURCES, { minLength: 1, maxLength: 2 }),
    Condition: fc.constantFrom(...CONDITIONS),
  },
  { requiredKeys: ['Effect', 'Action', 'Resource'] },
);
const notResource = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny'),
  Action: fc.subarray(ACTIONS, { minLength: 1, maxLength: 2 }),
  NotResource: fc.subarray(RESOURCES, { minLength: 1, maxLength: 2 }),
});
const holder = fc.array(fc.oneof(statement, statement, notResource), { minLength: 1, maxLength: 5 });

function principalNamed(name: string): Principal {
  return {
    kind: 'role',
    arn: `${ROLE}${name}`,
    arnKnown: true,
    name,
    path: '/',
    accountId: '111111111111',
    tags: {},
    inlinePolicies: [],
    managedPolicyArns: [],
    groupArns: [],
    source: { file: 'test.json' },
  };
}

/** What accessOnTarget says of each candidate on each resource, through the grants whose scopes take it in. */
function oneByOne(group: ResourceGroup, candidates: readonly Candidate[]): Map<number, AgentAccess[]> {
  const out = new Map<number, AgentAccess[]>();
  group.resources.forEach((resource, i) => {
    const parts = splitConcreteArn(resource.arn);
    const target = { parts, onResource: group.onResource, applicable: group.applicable };
    const accesses = candidates.flatMap(({ via, grants }) => {
      const on = grants.filter((g) => g.scopes.every((scope) => scopeMatches(scope, parts)));
      if (on.length === 0) return [];
      const context = withPrincipal({ resourceTags: resource.tags }, via.principal);
      const access = accessOnTarget(via.reach, target, context, on);
      return access ? [{ via, access }] : [];
    });
    if (accesses.length > 0) out.set(i, accesses);
  });
  return out;
}

const described = (byPosition: ReadonlyMap<number, readonly AgentAccess[]>) =>
  [...byPosition.entries()]
    .sort(([a], [b]) => a - b)
    .map(([i, accesses]) => [
      i,
      accesses.map(({ via, access }) => ({
        via: via.principal.arn,
        actions: catalog.names(access.actions),
        grants: access.grants.map((g) => `${g.statement.policyName}#${g.statement.statementIndex}`),
        conditional: access.conditional,
      })),
    ]);

describe('groupAccess', () => {
  test.prop(
    [fc.array(holder, { minLength: 1, maxLength: 5 }), fc.constantFrom('iam:*', '*', 'iam:Delete*')],
    {
      numRuns: RUNS,
    },
  )('says of every resource of a group what judging it alone says', (holders, asked) => {
    // Given principals whose grants and Denies take in all, some or none of a group of roles, some under tag conditions
    const onResource = catalog.actionsOnArn(ROLES[0]?.arn ?? '');
    const group: ResourceGroup = {
      onResource,
      applicable: onResource.intersect(catalog.expand(asked)),
      resources: ROLES,
      arns: new ArnList(ROLES.map((r) => r.arn)),
    };
    const candidates: Candidate[] = holders.flatMap((statements, h) => {
      const principal = principalNamed(`holder-${h}`);
      const reach = computePrincipalReach(catalog, {
        principalArn: principal.arn,
        policies: [{ policy: policyFrom({ Statement: statements }, `p${h}`) }],
      });
      const via: ReachablePrincipal = { principal, reach, path: [], conditional: false, escalated: false };
      const grants = reach.grants.filter((g) => g.actions.intersects(group.applicable));
      return grants.length > 0 ? [{ via, grants }] : [];
    });
    // and another agent that acts as every other one of the same principals, by its own way in
    const others = candidates
      .filter((_, c) => c % 2 === 1)
      .map(({ via, grants }) => ({ via: { ...via, path: [] }, grants: [...grants] }));
    // When each agent's are judged as a group (the other agent first: they share the principals' work),
    // Then each resource gets the same accesses, in the same order, as judged alone
    expect(described(groupAccess(group, others))).toEqual(described(oneByOne(group, others)));
    expect(described(groupAccess(group, candidates))).toEqual(described(oneByOne(group, candidates)));
  });
});
