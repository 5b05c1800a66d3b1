import { expect } from 'vitest';

/** The canary fixture: fixtures/secrets/README.md says where each canary is planted. */
export const SECRETS = {
  plan: 'fixtures/secrets/plan.json',
  account: 'fixtures/secrets/auth-details.json',
  config: 'fixtures/secrets/blast-radius.yaml',
} as const;

/** Values the plan marks sensitive (the access key's secret is secret-shaped too). */
export const SENSITIVE_CANARIES = [
  'canary-sensitive-top-level',
  'canary-sensitive-nested-block',
  'canary-sensitive-whole-object',
  'canary-sensitive-in-module',
  'canary-sensitive-module-input',
  'canary-sensitive-config-constant',
  'canary-sensitive-prior-state',
  'canary-sensitive-planned-values',
  'canary-sensitive-data-source',
  'canary-sensitive-root-variable',
  'canary-sensitive-unknown-policy',
  '5/6iHtAAwrPHO4oB/131L8AxZa8eQuhttY6rJ0kG',
  'BsVMonfUafIvcldCjkVSnVWV06NapgaSMR+Fb69HLZB=',
] as const;

/** Secret-key-shaped values nothing marks sensitive, in the plan. */
export const PLAN_KEY_CANARIES = {
  roleTag: '1Jx71U4S/MDF0iY4QQP/DRmbOk2XNHoahOyXMyg5',
  lambdaEnvironment: '1k/7kmdKPqjcf2eNQhABO8qh4D//WaC7yCSx60xa',
  conditionValue: 'NfhY+f8DxeiUyN7d5a/lf/t4Bh2DgGxlWluswrbZ',
  secretNameInArn: 'asxl4tA6Zb99O2ZytS9C5SmOkt/FibOi0sQZYCYF',
  userPath: 'ioMwFBQGP8Kcz330uUTB/AGUFmj6/NQE/ulXpvnF',
} as const;

/** Secret-key-shaped values in the account snapshot (a tag value, a condition value). */
export const SNAPSHOT_KEY_CANARIES = {
  tagValue: '4kczSc8dR341x/CMGZFWxNaMJRLIV2tGibt9uoQM',
  conditionValue: 'FMy0PqlrDHMislXLvglAptAygG6QO8O1u+3d/53S',
} as const;

/** The access key's id: an identifier, not a secret, and kept. */
export const ACCESS_KEY_ID = 'AKIAQCANARYKEYID7XYZ';

const KEY_CANARIES = [...Object.values(PLAN_KEY_CANARIES), ...Object.values(SNAPSHOT_KEY_CANARIES)];

/** Each canary, and each piece of a key between `/` and `+` of 6 characters or more (a partial leak). */
export const CANARY_FRAGMENTS: readonly string[] = [
  ...SENSITIVE_CANARIES,
  ...KEY_CANARIES,
  ...[...SENSITIVE_CANARIES, ...KEY_CANARIES].flatMap((canary) =>
    canary.split(/[/+]/).filter((piece) => piece.length >= 6 && !piece.startsWith('canary-')),
  ),
];

/** The canaries (whole, or in part) that the text holds. */
export function canariesIn(text: string): string[] {
  return CANARY_FRAGMENTS.filter((fragment) => text.includes(fragment));
}

/** Asserts that the output is not blank, holds what it must, and holds no canary. */
export function expectNoCanary(output: string, mustHold: readonly string[]): void {
  for (const text of mustHold) expect(output).toContain(text);
  expect(canariesIn(output)).toEqual([]);
}
