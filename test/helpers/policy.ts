import { readActionCatalog } from '../../src/ingest/action-catalog/read-catalog.js';
import { parsePolicyDocument } from '../../src/ingest/policy-document/parse-policy-document.js';
import type { Policy, PolicyKind } from '../../src/model/policy.js';
import { Catalog } from '../../src/policy/catalog.js';

let shared: Catalog | undefined;

/** The real catalog, built once per test file. */
export function testCatalog(): Catalog {
  shared ??= new Catalog(readActionCatalog());
  return shared;
}

/** A Policy from raw policy JSON (any shape AWS accepts); throws on a document AWS would reject. */
export function policyFrom(raw: unknown, name = 'test-policy', kind: PolicyKind = 'inline'): Policy {
  const parsed = parsePolicyDocument(raw);
  if (!parsed.ok) throw new Error(`${name}: ${parsed.problem}`);
  return { id: `test#${name}`, name, kind, document: parsed.document, source: { file: `${name}.json` } };
}
