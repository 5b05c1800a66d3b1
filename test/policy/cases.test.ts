import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { requestKeys } from '../../src/policy/condition.js';
import { evaluateRequest } from '../../src/policy/evaluate.js';
import { computePrincipalReach } from '../../src/policy/reach.js';
import { policyFrom, testCatalog } from '../helpers/policy.js';

const caseSchema = z.strictObject({
  name: z.string(),
  policies: z.array(z.unknown()),
  boundary: z.array(z.unknown()).optional(),
  scps: z.array(z.unknown()).optional(),
  request: z.strictObject({
    action: z.string(),
    resource: z.string(),
    /** The whole request context: keys not listed are absent. */
    context: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  }),
  expected: z.enum(['allow', 'explicit-deny', 'implicit-deny']),
  why: z.string().optional(),
});

const dir = join(import.meta.dirname, 'cases');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe.each(files)('policy semantics: %s', (file) => {
  const cases = z.array(caseSchema).parse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  it.each(cases)('$name', (c) => {
    const catalog = testCatalog();
    const reach = computePrincipalReach(catalog, {
      principalArn: 'arn:aws:iam::111111111111:role/subject',
      policies: c.policies.map((p, i) => ({ policy: policyFrom(p, `policy-${i}`) })),
      ...(c.boundary
        ? { boundary: { policies: c.boundary.map((p, i) => policyFrom(p, `boundary-${i}`)) } }
        : {}),
      ...(c.scps
        ? { guardrails: [{ policies: c.scps.map((p, i) => policyFrom(p, `scp-${i}`, 'scp')) }] }
        : {}),
    });
    const context = c.request.context ? { request: requestKeys(c.request.context, { complete: true }) } : {};
    expect(evaluateRequest(catalog, reach, c.request.action, c.request.resource, { context }).decision).toBe(
      c.expected,
    );
  });
});
