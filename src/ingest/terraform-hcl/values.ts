/** A value an HCL expression evaluates to; `Unknown` stands for what cannot be known without a plan. */
export type HclValue = null | boolean | number | string | readonly HclValue[] | HclObject | Unknown;

export interface HclObject {
  readonly [key: string]: HclValue;
}

/**
 * A value that cannot be resolved statically: the references it depends on (in Terraform's
 * syntax, relative to the module it is evaluated in, e.g. `aws_iam_policy.x.arn` or `var.name`)
 * and why it is unknown when no reference explains it (an unsupported function, a missing value).
 */
export class Unknown {
  constructor(
    readonly references: readonly string[],
    readonly reasons: readonly string[] = [],
  ) {}

  describe(): string {
    const all = [...this.references, ...this.reasons];
    return all.length === 0 ? 'an unknown value' : all.join(', ');
  }
}

export function isUnknown(value: HclValue | undefined): value is Unknown {
  return value instanceof Unknown;
}

export function isHclObject(value: HclValue | undefined): value is HclObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Unknown);
}

export function isHclList(value: HclValue | undefined): value is readonly HclValue[] {
  return Array.isArray(value);
}

/** One Unknown standing for several: their references and reasons, each once, in order. */
export function mergeUnknowns(values: readonly HclValue[]): Unknown {
  const unknowns = values.flatMap((value) => collectUnknowns(value));
  return new Unknown(
    [...new Set(unknowns.flatMap((unknown) => unknown.references))],
    [...new Set(unknowns.flatMap((unknown) => unknown.reasons))],
  );
}

/** Every Unknown inside a value, depth first. */
export function collectUnknowns(value: HclValue): Unknown[] {
  if (isUnknown(value)) return [value];
  if (isHclList(value)) return value.flatMap(collectUnknowns);
  if (isHclObject(value)) return Object.values(value).flatMap(collectUnknowns);
  return [];
}

export function hasUnknownInside(value: HclValue): boolean {
  return collectUnknowns(value).length > 0;
}

export function unknownReason(reason: string): Unknown {
  return new Unknown([], [reason]);
}

/** A known value as plain JSON (Unknown never reaches here). */
export function toJson(value: HclValue): unknown {
  if (isUnknown(value)) return null;
  if (isHclList(value)) return value.map(toJson);
  if (isHclObject(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, toJson(value[key] ?? null)]),
    );
  }
  return value;
}

/** Plain JSON (from jsondecode, tfvars) as a value. */
export function fromJson(value: unknown): HclValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string')
    return value;
  if (Array.isArray(value)) return value.map(fromJson);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fromJson(item)]));
  }
  return null;
}
