import type { HclValue } from './values.js';

/** An accessor with its index evaluated. */
export type Step =
  | { readonly kind: 'attr'; readonly name: string }
  | { readonly kind: 'index'; readonly key: HclValue };

/** What an expression is evaluated against: the module's names, files, and a sink for approximations. */
export interface EvalScope {
  /** The value of a root name (`var`, `local`, `aws_iam_role` …) followed by its steps. */
  resolve(root: string, steps: readonly Step[]): HclValue;
  /** A file's text for file() and templatefile(), relative to the module's directory; undefined if unreadable. */
  readText(path: string): string | undefined;
  /** Records an approximation made while evaluating (a widened policy document). */
  note(message: string): void;
}
