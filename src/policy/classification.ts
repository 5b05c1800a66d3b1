import type { Classifier } from '../model/config.js';
import { compareText } from '../model/order.js';
import type { Tags } from '../model/principal.js';
import { type ArnPattern, arnMatches, compileArnPattern, splitConcreteArn } from './arn-pattern.js';
import { compileGlob, globMatches } from './glob.js';

/** What classification needs to know of a resource or principal. */
export interface Classifiable {
  readonly arn: string;
  readonly name: string;
  readonly tags: Tags;
  readonly accountId?: string;
}

/**
 * Recognises the members of environments or data classifications (blast-radius.yaml `environments:`
 * and `data:`): a resource belongs to a class when any of the class's matchers matches it.
 */
export class Classification {
  private readonly classes: readonly CompiledClassifier[];

  /**
   * `homeAccountId` is the account the inputs describe: ARNs that name no account (S3 buckets and
   * objects) belong to it, so an `accounts:` matcher naming it covers them too.
   */
  constructor(classifiers: Readonly<Record<string, Classifier>>, homeAccountId?: string) {
    this.classes = Object.entries(classifiers)
      .sort(([a], [b]) => compareText(a, b))
      .map(([name, c]) => compileClassifier(name, c, homeAccountId));
  }

  /** Names of the classes the resource belongs to, sorted. */
  classesOf(resource: Classifiable): string[] {
    return this.classes.filter((c) => c.matches(resource)).map((c) => c.name);
  }

  /** The witnesses of a class: ARN patterns that describe its members beyond the named resources. */
  witnesses(className: string): readonly ClassWitness[] {
    return this.classes.find((c) => c.name === className)?.witnesses ?? [];
  }

  names(): string[] {
    return this.classes.map((c) => c.name);
  }
}

/** Members of a class the inputs need not name: a label for people, and the patterns it stands for. */
export interface ClassWitness {
  readonly label: string;
  readonly patterns: readonly ArnPattern[];
}

interface CompiledClassifier {
  readonly name: string;
  readonly witnesses: readonly ClassWitness[];
  matches(resource: Classifiable): boolean;
}

function compileClassifier(
  name: string,
  c: Classifier,
  homeAccountId: string | undefined,
): CompiledClassifier {
  const tags = Object.entries(c.tags).map(([key, values]) => ({
    key: key.toLowerCase(),
    values: new Set(values.map((v) => v.toLowerCase())),
  }));
  const names = c.names.map((n) => compileGlob(n.toLowerCase()));
  const arns = c.arns.map(compileArnPattern);
  const accounts = new Set(c.accounts);
  const coversHome = homeAccountId !== undefined && accounts.has(homeAccountId);
  const accountWitnesses = c.accounts.map((a) => ({
    label: `arn:*:*:*:${a}:*`,
    patterns: [
      compileArnPattern(`arn:*:*:*:${a}:*`),
      ...(a === homeAccountId ? [compileArnPattern('arn:*:*:*::*')] : []),
    ],
  }));
  return {
    name,
    witnesses: [...arns.map((p) => ({ label: p.source, patterns: [p] })), ...accountWitnesses],
    matches(resource) {
      if (resource.accountId !== undefined && accounts.has(resource.accountId)) return true;
      if (coversHome && resource.accountId === undefined) return true;
      const lowerName = resource.name.toLowerCase();
      if (names.some((g) => globMatches(g, lowerName))) return true;
      const parts = splitConcreteArn(resource.arn);
      if (arns.some((p) => arnMatches(p, parts))) return true;
      return Object.entries(resource.tags).some(([key, value]) =>
        tags.some((t) => t.key === key.toLowerCase() && t.values.has(value.toLowerCase())),
      );
    },
  };
}
