import type { z } from 'zod';
import type { ConditionMap, PolicyDocument, PrincipalMap, Statement } from '../../model/policy.js';
import { findPrototypeKey } from '../prototype-keys.js';
import { formatIssuePath, formatZodIssues } from '../zod-issues.js';
import { type RawStatement, rawPolicyDocumentSchema } from './policy-document-schema.js';

export type PolicyParseResult =
  | { readonly ok: true; readonly document: PolicyDocument }
  | { readonly ok: false; readonly problem: string };

/**
 * Reads a policy document in any shape AWS accepts: an object or a JSON string, URL-encoded
 * (as IAM APIs return it), one statement object or a list, and string-or-list fields.
 */
export function parsePolicyDocument(input: unknown): PolicyParseResult {
  const raw = typeof input === 'string' ? parseJsonText(input) : { ok: true as const, value: input };
  if (!raw.ok) return raw;
  const prototypeKey = findPrototypeKey(raw.value);
  if (prototypeKey !== undefined)
    return { ok: false, problem: `${formatIssuePath(prototypeKey)} — "__proto__" is not a key IAM knows` };
  const parsed = rawPolicyDocumentSchema.safeParse(raw.value);
  if (!parsed.success)
    return { ok: false, problem: formatZodIssues(parsed.error.issues as z.core.$ZodIssue[]) };
  const statements = parsed.data.Statement;
  const missing = statements.findIndex((s) => !hasActionElement(s) || !hasTargetElement(s));
  if (missing !== -1) {
    const s = statements[missing];
    const what =
      s && !hasActionElement(s) ? 'Action or NotAction' : 'Resource, NotResource, Principal or NotPrincipal';
    return { ok: false, problem: `Statement[${missing}] has no ${what}` };
  }
  return {
    ok: true,
    document: {
      ...(parsed.data.Version === undefined ? {} : { version: parsed.data.Version }),
      statements: statements.map(toStatement),
    },
  };
}

function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  const trimmed = text.trim();
  const decoded = trimmed.startsWith('%7B') || trimmed.startsWith('%7b') ? safeDecode(trimmed) : trimmed;
  if (decoded === undefined) return { ok: false, problem: 'policy text is not valid URL encoding' };
  try {
    return { ok: true, value: JSON.parse(decoded) };
  } catch (error) {
    return { ok: false, problem: `policy text is not valid JSON (${(error as Error).message})` };
  }
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

function hasActionElement(s: RawStatement): boolean {
  return s.Action !== undefined || s.NotAction !== undefined;
}

function hasTargetElement(s: RawStatement): boolean {
  return (
    s.Resource !== undefined ||
    s.NotResource !== undefined ||
    s.Principal !== undefined ||
    s.NotPrincipal !== undefined
  );
}

function toList(value: string | readonly string[]): readonly string[] {
  return typeof value === 'string' ? [value] : value;
}

function toPrincipalMap(value: '*' | Record<string, string | string[]>): PrincipalMap {
  if (value === '*') return { AWS: ['*'] };
  const map: Record<string, readonly string[]> = {};
  for (const [kind, ids] of Object.entries(value)) map[kind] = toList(ids);
  return map;
}

function toConditionMap(value: Record<string, Record<string, unknown>>): ConditionMap {
  const map: Record<string, Record<string, readonly string[]>> = {};
  for (const [operator, keys] of Object.entries(value)) {
    const entry: Record<string, readonly string[]> = {};
    for (const [key, values] of Object.entries(keys)) {
      entry[key] = (Array.isArray(values) ? values : [values]).map(String);
    }
    map[operator] = entry;
  }
  return map;
}

function toStatement(raw: RawStatement, index: number): Statement {
  return {
    index,
    effect: raw.Effect,
    ...(raw.Sid === undefined ? {} : { sid: raw.Sid }),
    ...(raw.Action === undefined ? {} : { action: toList(raw.Action) }),
    ...(raw.NotAction === undefined ? {} : { notAction: toList(raw.NotAction) }),
    ...(raw.Resource === undefined ? {} : { resource: toList(raw.Resource) }),
    ...(raw.NotResource === undefined ? {} : { notResource: toList(raw.NotResource) }),
    ...(raw.Principal === undefined ? {} : { principal: toPrincipalMap(raw.Principal) }),
    ...(raw.NotPrincipal === undefined ? {} : { notPrincipal: toPrincipalMap(raw.NotPrincipal) }),
    ...(raw.Condition === undefined ? {} : { condition: toConditionMap(raw.Condition) }),
  };
}
