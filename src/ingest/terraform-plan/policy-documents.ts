import type { PolicyDocument, Statement } from '../../model/policy.js';
import { parsePolicyDocument } from '../policy-document/parse-policy-document.js';
import type { Instance } from './instances.js';
import { rebuildPolicyDocument } from './policy-document-data.js';
import type { Candidate } from './references.js';
import { isSensitive } from './sensitive.js';
import { hasUnknown, isRecord } from './values.js';
import type { WorldContext } from './world.js';

const MAX_DEPTH = 8;

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

/** `higher` statements replace `lower` ones with the same Sid; the rest are added after them. */
function overlayStatements(lower: readonly Statement[], higher: readonly Statement[]): Statement[] {
  const bySid = new Map(higher.flatMap((s) => (s.sid ? [[s.sid, s] as const] : [])));
  const merged = lower.map((s) => (s.sid ? (bySid.get(s.sid) ?? s) : s));
  return [...merged, ...higher.filter((s) => !merged.includes(s))];
}

function concatDocuments(documents: readonly PolicyDocument[]): PolicyDocument | undefined {
  const [first] = documents;
  if (documents.length <= 1) return first;
  const statements: Statement[] = documents.flatMap((document) => document.statements);
  return {
    ...(first?.version === undefined ? {} : { version: first.version }),
    statements: statements.map((statement, index) => ({ ...statement, index })),
  };
}

function isUnknownUntilApply(instance: Instance, attribute: string): boolean {
  return isRecord(instance.unknown) && hasUnknown(instance.unknown[attribute]);
}

/**
 * Reads policy documents from attributes, following references when they are unknown until apply.
 * Each reader keeps its own cache of rebuilt `aws_iam_policy_document` data sources, so each one's
 * approximations are reported once.
 */
export function createPolicyReader(world: WorldContext) {
  const rebuilt = new Map<string, PolicyDocument | undefined>();

  /** The document a known attribute value holds; reports why when it holds none. */
  function parseKnown(value: unknown, instance: Instance, attribute: string): PolicyDocument | undefined {
    if (isEmpty(value)) return undefined;
    if (isSensitive(value)) {
      world.report(
        'plan.sensitive-policy',
        `${instance.address}: ${attribute} is marked sensitive, so the policy is treated as unknown`,
        instance,
      );
      return undefined;
    }
    const parsed = parsePolicyDocument(value);
    if (parsed.ok) return parsed.document;
    world.report(
      'plan.invalid-policy',
      `${instance.address}: ${attribute} is not a valid policy (${parsed.problem}); AWS would reject it, so it grants nothing`,
      instance,
    );
    return undefined;
  }

  function fromDataSource(instance: Instance): PolicyDocument | undefined {
    const json = world.resolver.attribute(instance, 'json');
    if (json.state === 'known') return parseKnown(json.value, instance, 'json');
    if (rebuilt.has(instance.address)) return rebuilt.get(instance.address);
    rebuilt.set(instance.address, undefined);
    const result = rebuildPolicyDocument(instance, world.resolver, (other) => world.identityOf(other).arn);
    const parsed = parsePolicyDocument(result.raw);
    for (const note of result.approximations) {
      world.report(
        'plan.approximated',
        `${instance.address}: json is unknown until apply; ${note}`,
        instance,
      );
    }
    // precedence, lowest first: source documents, the statement blocks, override documents
    const layers = [
      [...documentsIn(instance, 'source_json'), ...documentsIn(instance, 'source_policy_documents')],
      parsed.ok ? [parsed.document] : [],
      [...documentsIn(instance, 'override_json'), ...documentsIn(instance, 'override_policy_documents')],
    ].map((documents) => documents.flatMap((document) => document.statements));
    const statements = layers.reduce(overlayStatements, []);
    if (!parsed.ok || statements.length === 0) {
      const why = parsed.ok ? 'the plan shows none of its statements' : parsed.problem;
      world.report(
        'plan.unresolved',
        `${instance.address}: json is unknown until apply and cannot be rebuilt (${why})`,
        instance,
      );
      return undefined;
    }
    const document: PolicyDocument = {
      version: '2012-10-17',
      statements: statements.map((statement, index) => ({ ...statement, index })),
    };
    rebuilt.set(instance.address, document);
    return document;
  }

  /** Each document an attribute holding one document or a list of them names. */
  function documentsIn(instance: Instance, attribute: string): PolicyDocument[] {
    const value = world.resolver.attribute(instance, attribute);
    if (value.state === 'computed') return [];
    const candidates =
      value.state === 'known' ? [{ kind: 'value' as const, value: value.value }] : value.candidates;
    const document = fromCandidates(candidates, instance, attribute, 0);
    return document === undefined ? [] : [document];
  }

  function fromCandidates(
    candidates: readonly Candidate[],
    instance: Instance,
    attribute: string,
    depth: number,
  ): PolicyDocument | undefined {
    const documents: PolicyDocument[] = [];
    const unresolved: string[] = [];
    for (const candidate of candidates) {
      if (candidate.kind === 'unresolved') {
        unresolved.push(candidate.reference);
      } else if (candidate.kind === 'value') {
        if (isSensitive(candidate.value)) return parseKnown(candidate.value, instance, attribute);
        // a list of documents (source_policy_documents) holds one document per element
        for (const value of Array.isArray(candidate.value) ? candidate.value : [candidate.value]) {
          if (isEmpty(value)) continue;
          const parsed = parsePolicyDocument(value);
          if (parsed.ok) documents.push(parsed.document);
          else unresolved.push(`a value that is not a policy (${parsed.problem})`);
        }
      } else if (
        candidate.instance.at.type === 'aws_iam_policy_document' &&
        candidate.instance.at.mode === 'data'
      ) {
        const document = fromDataSource(candidate.instance);
        if (document !== undefined) documents.push(document);
      } else if (candidate.attribute !== undefined && depth < MAX_DEPTH) {
        const document = read(candidate.instance, candidate.attribute, depth + 1, true);
        if (document !== undefined) documents.push(document);
      } else {
        unresolved.push(candidate.instance.address);
      }
    }
    if (unresolved.length > 0) {
      world.report(
        'plan.unresolved',
        `${instance.address}: ${attribute} is unknown until apply and depends on ${unresolved.join(', ')}`,
        instance,
      );
    }
    return concatDocuments(documents);
  }

  function read(
    instance: Instance,
    attribute: string,
    depth: number,
    required: boolean,
  ): PolicyDocument | undefined {
    const value = world.resolver.attribute(instance, attribute);
    switch (value.state) {
      case 'known':
        return parseKnown(value.value, instance, attribute);
      case 'configured':
        return fromCandidates(value.candidates, instance, attribute, depth);
      case 'computed':
        if (required)
          world.report(
            'plan.unresolved',
            `${instance.address}: ${attribute} is unknown until apply`,
            instance,
          );
        else if (isUnknownUntilApply(instance, attribute) && world.resolver.configOf(instance) === undefined)
          // an optional policy the provider may compute, or one configured where the plan does not show
          world.report(
            'plan.unresolved',
            `${instance.address}: ${attribute} is unknown until apply, and the plan holds no configuration of the resource to resolve it`,
            instance,
          );
        return undefined;
    }
  }

  return {
    /**
     * The policy an attribute holds. `required` attributes that are unknown and not configured are
     * reported; optional ones are computed by the provider from other resources and skipped.
     */
    documentOf: (instance: Instance, attribute: string, required: boolean): PolicyDocument | undefined =>
      read(instance, attribute, 0, required),
    /** The policy a known value holds (`label` names it in diagnostics). */
    documentOfValue: (value: unknown, instance: Instance, label: string): PolicyDocument | undefined =>
      parseKnown(value, instance, label),
    /** The policy an unknown value's references lead to. */
    documentOfCandidates: (candidates: readonly Candidate[], instance: Instance, label: string) =>
      fromCandidates(candidates, instance, label, 0),
  };
}

export type PolicyReader = ReturnType<typeof createPolicyReader>;
