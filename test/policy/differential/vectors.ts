import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { CatalogData } from '../../../src/model/catalog.js';
import { type Decision, type DiffRequest, HOME_ACCOUNT, type PolicySet, type RawPolicy } from './types.js';

/** iam-simulate's core-engine test vectors in the shared corpus (AGPL data: read at run time, never copied). */
export const VECTOR_DIR = '/work/shared/corpus/cloud-copilot__iam-simulate/src/core_engine/coreEngineTests';
export const VECTOR_FILES = [
  'identityOnly.json',
  'identityExplicitDeny.json',
  'permissionBoundaries-SameAccount.json',
  'wildcardOnlyActions/denyStatements.json',
  'wildcardOnlyActions/identityPolicies.json',
  'wildcardOnlyActions/notResource.json',
  'wildcardOnlyActions/permissionBoundaries.json',
  'wildcardOnlyActions/scps.json',
];

const vectorSchema = z.looseObject({
  name: z.string(),
  request: z.looseObject({
    action: z.string(),
    resource: z.object({ resource: z.string(), accountId: z.string() }),
    principal: z.string(),
    context: z.record(z.string(), z.unknown()).optional(),
  }),
  identityPolicies: z.array(z.unknown()).optional(),
  permissionBoundaries: z.array(z.unknown()).optional(),
  resourcePolicy: z.unknown().optional(),
  serviceControlPolicies: z.array(z.unknown()).optional(),
  resourceControlPolicies: z.array(z.unknown()).optional(),
  sessionPolicy: z.unknown().optional(),
  simulation: z.unknown().optional(),
  expected: z.looseObject({ response: z.enum(['Allowed', 'ExplicitlyDenied', 'ImplicitlyDenied']) }),
});

export type Vector = z.infer<typeof vectorSchema>;

export interface VectorCase {
  readonly file: string;
  readonly name: string;
  readonly set: PolicySet;
  readonly request: DiffRequest;
  readonly expected: Decision;
}

export interface SkippedVector {
  readonly file: string;
  readonly name: string;
  readonly reason: string;
}

const EXPECTED: Record<Vector['expected']['response'], Decision> = {
  Allowed: 'allow',
  ExplicitlyDenied: 'explicit-deny',
  ImplicitlyDenied: 'implicit-deny',
};

/** The vector files' principal account, renamed to ours so that probes and cases share one account. */
const VECTOR_ACCOUNT = '123456789012';

/**
 * Reads the vectors and splits them into those within identity + boundary evaluation (converted to
 * the differential's shapes) and those skipped, each with its reason.
 */
export function loadVectors(
  catalog: CatalogData,
): { cases: VectorCase[]; skipped: SkippedVector[] } | undefined {
  if (!existsSync(VECTOR_DIR)) return undefined;
  const wildcardOnly = new Set(
    catalog.actions
      .filter((a) => a.resourceTypes.length === 0)
      .map((a) => `${a.service}:${a.name}`.toLowerCase()),
  );
  const cases: VectorCase[] = [];
  const skipped: SkippedVector[] = [];
  for (const file of VECTOR_FILES) {
    const text = readFileSync(join(VECTOR_DIR, file), 'utf8').replaceAll(VECTOR_ACCOUNT, HOME_ACCOUNT);
    for (const vector of z.array(vectorSchema).parse(JSON.parse(text))) {
      const reason = skipReason(vector, wildcardOnly);
      if (reason) {
        skipped.push({ file, name: vector.name, reason });
        continue;
      }
      const boundary = vector.permissionBoundaries ?? [];
      cases.push({
        file,
        name: vector.name,
        set: {
          id: -1,
          identity: (vector.identityPolicies ?? []).map((document, i) => ({
            name: `identity-${i}`,
            origin: 'generated',
            document: asRawPolicy(document),
          })),
          // iam-simulate ignores an empty boundary list ("Should ignore empty permission boundary
          // array"): a principal with no boundary.
          ...(boundary.length === 0
            ? {}
            : {
                boundary: boundary.map((document, i) => ({
                  name: `boundary-${i}`,
                  origin: 'generated',
                  document: asRawPolicy(document),
                })),
              }),
        },
        request: {
          action: vector.request.action,
          resource: vector.request.resource.resource,
          accountId: vector.request.resource.accountId,
        },
        expected: EXPECTED[vector.expected.response],
      });
    }
  }
  return { cases, skipped };
}

function skipReason(v: Vector, wildcardOnly: ReadonlySet<string>): string | undefined {
  const text = JSON.stringify(v);
  if (v.resourcePolicy !== undefined && v.resourcePolicy !== null) return 'has a resource policy';
  if ((v.serviceControlPolicies ?? []).length > 0) return 'has SCPs (outside identity + boundary scope)';
  if ((v.resourceControlPolicies ?? []).length > 0) return 'has RCPs';
  if (v.sessionPolicy !== undefined) return 'has a session policy';
  if (v.simulation !== undefined) return 'sets simulation options (Discovery mode)';
  if (Object.keys(v.request.context ?? {}).length > 0) return 'sets request context keys';
  if (text.includes('"Condition"')) return 'has a Condition';
  if (!/^arn:aws:iam::\d{12}:(role|user)\/[^/]+$/.test(v.request.principal))
    return 'principal is not an IAM role or user';
  const resource = v.request.resource.resource;
  if (resource.includes('*') && !wildcardOnly.has(v.request.action.toLowerCase())) {
    return 'wildcard request resource (a multi-resource question)';
  }
  const arnAccount = resource.split(':')[4];
  if (resource !== '*' && !arnAccount && v.request.resource.accountId !== HOME_ACCOUNT) {
    return "resource account is given outside the ARN (S3) and differs from the principal's: our request has no such input";
  }
  return undefined;
}

const rawPolicySchema = z.object({
  Version: z.literal('2012-10-17').optional(),
  Statement: z.array(
    z.object({
      Sid: z.string().optional(),
      Effect: z.enum(['Allow', 'Deny']),
      Action: z.union([z.string(), z.array(z.string())]).optional(),
      NotAction: z.union([z.string(), z.array(z.string())]).optional(),
      Resource: z.union([z.string(), z.array(z.string())]).optional(),
      NotResource: z.union([z.string(), z.array(z.string())]).optional(),
      Condition: z
        .record(z.string(), z.record(z.string(), z.union([z.string(), z.array(z.string())])))
        .optional(),
    }),
  ),
});

/** A policy document in any string-or-list shape, normalised to the generator's RawPolicy. */
export function asRawPolicy(document: unknown): RawPolicy {
  const parsed = rawPolicySchema.parse(document);
  const list = (v: string | string[] | undefined) =>
    v === undefined ? undefined : typeof v === 'string' ? [v] : v;
  return {
    Version: '2012-10-17',
    Statement: parsed.Statement.map((s) => {
      const action = list(s.Action);
      const notAction = list(s.NotAction);
      const resource = list(s.Resource);
      const notResource = list(s.NotResource);
      return {
        Effect: s.Effect,
        ...(action ? { Action: action } : {}),
        ...(notAction ? { NotAction: notAction } : {}),
        ...(resource ? { Resource: resource } : {}),
        ...(notResource ? { NotResource: notResource } : {}),
        ...(s.Condition
          ? {
              Condition: Object.fromEntries(
                Object.entries(s.Condition).map(([operator, keys]) => [
                  operator,
                  Object.fromEntries(Object.entries(keys).map(([key, values]) => [key, list(values) ?? []])),
                ]),
              ),
            }
          : {}),
      };
    }),
  };
}
