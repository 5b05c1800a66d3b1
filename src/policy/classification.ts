import type { Classifier } from '../model/config.js';
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

  constructor(classifiers: Readonly<Record<string, Classifier>>) {
    this.classes = Object.entries(classifiers)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, c]) => compileClassifier(name, c));
  }

  /** Names of the classes the resource belongs to, sorted. */
  classesOf(resource: Classifiable): string[] {
    return this.classes.filter((c) => c.matches(resource)).map((c) => c.name);
  }

  /** Each class with the ARN patterns that describe members beyond the named resources. */
  patterns(): { readonly name: string; readonly patterns: readonly ArnPattern[] }[] {
    return this.classes.map((c) => ({ name: c.name, patterns: c.patterns }));
  }

  names(): string[] {
    return this.classes.map((c) => c.name);
  }
}

interface CompiledClassifier {
  readonly name: string;
  readonly patterns: readonly ArnPattern[];
  matches(resource: Classifiable): boolean;
}

function compileClassifier(name: string, c: Classifier): CompiledClassifier {
  const tags = Object.entries(c.tags).map(([key, values]) => ({
    key: key.toLowerCase(),
    values: new Set(values.map((v) => v.toLowerCase())),
  }));
  const names = c.names.map((n) => compileGlob(n.toLowerCase()));
  const arns = c.arns.map(compileArnPattern);
  const accounts = new Set(c.accounts);
  const accountPatterns = c.accounts.map((a) => compileArnPattern(`arn:*:*:*:${a}:*`));
  return {
    name,
    patterns: [...arns, ...accountPatterns],
    matches(resource) {
      if (resource.accountId !== undefined && accounts.has(resource.accountId)) return true;
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
