import { z } from 'zod';
import { CAPABILITIES } from '../../model/capability.js';
import { type FailOn, SEVERITIES } from '../../model/severity.js';
import { describeValue, expectedOneOfMessage, invalidTypeMessage, joinOr } from './messages.js';

/**
 * The id of every rule (DESIGN.md "Rules"), sorted. `rules.severity` and `rules.ignore[].rule`
 * are checked against it; the rule registry is checked against it in a test.
 */
export const RULE_IDS = [
  'data-violation',
  'environment-violation',
  'long-lived-credentials',
  'no-go-zone',
  'privilege-escalation',
  'production-deletion',
  'reach-expansion',
  'sensitive-exposure',
  'shared-identity',
  'stale-declaration',
  'undeclared-reach',
  'ungated-approval',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export const FAIL_ON_VALUES: readonly FailOn[] = [...SEVERITIES, 'none'];

/** IAM's limits for a role session (`max-session-duration`), in seconds. */
export const MIN_SESSION_SECONDS = 900;
export const MAX_SESSION_SECONDS = 43_200;

// ---------------------------------------------------------------------------------------------
// Building blocks

type ErrorFn = (issue: z.core.$ZodRawIssue) => string | undefined;

/** A schema-level error for `invalid_type` that names what was expected in the user's words. */
function typeError(expected: string): ErrorFn {
  return (issue) => (issue.code === 'invalid_type' ? invalidTypeMessage(expected, issue.input) : undefined);
}

/** A string matching `pattern`; anything else is `expected <label>, received <value>`. */
function patternString(pattern: RegExp, label: string) {
  return z
    .string({ error: typeError(label) })
    .regex(pattern, { error: (issue) => `expected ${label}, received ${describeValue(issue.input)}` });
}

const nonEmptyString = z
  .string()
  .regex(/\S/, { error: (issue) => `expected a non-empty string, received ${describeValue(issue.input)}` });

/** A lone string is read as a list of one. */
function wrapString(value: unknown): unknown {
  return typeof value === 'string' ? [value] : value;
}

/** A list whose items match `item`; a single string is accepted and becomes a list of one. */
function listOf<T extends z.ZodType>(
  item: T,
  options: { readonly nonEmpty?: boolean; readonly quoteHint?: boolean } = {},
) {
  const array = z.array(item, { error: options.quoteHint ? quoteHintError : typeError('array of strings') });
  return z.preprocess(
    wrapString,
    options.nonEmpty
      ? array.min(1, {
          error: (issue) => `expected at least one item, received ${describeEmpty(issue.input)}`,
        })
      : array,
  );
}

/** For values that YAML may read as numbers or booleans (tag values): say to quote them. */
const quoteHintError: ErrorFn = (issue) => {
  if (issue.code !== 'invalid_type') return undefined;
  const message = invalidTypeMessage('string or array of strings', issue.input);
  const scalar = typeof issue.input === 'number' || typeof issue.input === 'boolean';
  return scalar ? `${message} (put the value in quotes)` : message;
};

function describeEmpty(input: unknown): string {
  return Array.isArray(input) && input.length === 0 ? 'an empty array' : describeValue(input);
}

function oneOf<const T extends readonly string[]>(values: T, what?: string) {
  return z.enum(values, {
    error: (issue) =>
      issue.code === 'invalid_value' ? expectedOneOfMessage(what, values, issue.input) : undefined,
  });
}

// ---------------------------------------------------------------------------------------------
// Values

const ACCOUNT_ID = /^\d{12}$/;

const accountId = z
  .string({
    error: (issue) => {
      if (issue.code !== 'invalid_type') return undefined;
      if (typeof issue.input === 'number') {
        return `expected a 12-digit account id in quotes, received number ${issue.input} (YAML drops leading zeros from numbers)`;
      }
      return invalidTypeMessage('a 12-digit account id', issue.input);
    },
  })
  .regex(ACCOUNT_ID, {
    error: (issue) => `expected a 12-digit account id, received ${describeValue(issue.input)}`,
  });

/** `arn:<partition>:<service>:<region>:<account>:<resource>`, any part a glob; the resource may hold colons. */
const ARN_GLOB = /^arn:[^:\s]+:[^:\s]+:[^:\s]*:[^:\s]*:.+$/;
const ARN_GLOB_LABEL = 'an ARN or ARN glob (arn:partition:service:region:account:resource)';

const arnGlob = patternString(ARN_GLOB, ARN_GLOB_LABEL);

const RESOURCE_PATTERN = new RegExp(`^\\*$|${ARN_GLOB.source}`);

/** `*`, or an ARN glob: the resources of a declaration or an ignore entry. */
const resourcePattern = patternString(RESOURCE_PATTERN, `"*" or ${ARN_GLOB_LABEL}`);

/** True when the text is valid as a resource of a declaration or an ignore entry. */
export function isResourcePattern(text: string): boolean {
  return RESOURCE_PATTERN.test(text);
}

/** `service:Action` with `*` and `?` wildcards, or `*`. */
const ACTION = /^(?:\*|[A-Za-z0-9-]+:[A-Za-z0-9*?-]+)$/;
const actionPattern = patternString(
  ACTION,
  'an IAM action such as s3:GetObject (wildcards * and ? allowed) or "*"',
);

/** A role or user ARN in any partition, with an optional IAM path. */
const IAM_PRINCIPAL_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:(?:role|user)\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]+$/;
const IDENTITY_ARN_LABEL =
  'an IAM role or user ARN (arn:aws:iam::<12-digit account>:role/<name> or user/<name>)';

/** A Terraform address of a role or user: `aws_iam_role.x`, `module.m["k"].aws_iam_user.y[0]`, `data.aws_iam_role.z`. */
const IDENTITY_ADDRESS =
  /^(?:module\.[A-Za-z_][\w-]*(?:\[[^\]]+\])?\.)*(?:data\.)?aws_iam_(?:role|user)\.[A-Za-z_][\w-]*(?:\[[^\]]+\])?$/;

const identitySchema = z.union(
  [
    patternString(IAM_PRINCIPAL_ARN, IDENTITY_ARN_LABEL),
    z.strictObject({
      terraform: patternString(
        IDENTITY_ADDRESS,
        'the address of an aws_iam_role or aws_iam_user resource, such as aws_iam_role.deploy_agent',
      ),
    }),
  ],
  {
    error: (issue) => {
      if (issue.code !== 'invalid_union') return undefined;
      const input = issue.input;
      if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
        const keys = Object.keys(input);
        return `expected { terraform: <resource address> }, received an object with ${keys.length === 0 ? 'no keys' : `keys ${joinOr(keys)}`}`;
      }
      return invalidTypeMessage(`${IDENTITY_ARN_LABEL} or { terraform: <resource address> }`, input);
    },
  },
);

const CONDITION_KEY = /^[A-Za-z0-9-]+:[A-Za-z0-9-]+(?:\/.+)?$/;
const conditionKey = patternString(
  CONDITION_KEY,
  'a condition key such as aws:MultiFactorAuthPresent or aws:PrincipalTag/approved-change',
);

const capability = oneOf(CAPABILITIES, 'a capability');
const severity = oneOf(SEVERITIES, 'a severity');
const ruleId = oneOf(RULE_IDS, 'a rule id');

/** `15m`, `1h`, `1h30m`, `3600s`, `3600`, or a number of seconds. */
const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/i;

type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Reads `max-session-duration` into seconds, within IAM's limits. */
export function parseDurationSeconds(value: unknown): Parsed<number> {
  let seconds: number;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) {
      return { ok: false, message: `expected a whole number of seconds, received ${value}` };
    }
    seconds = value;
  } else if (typeof value === 'string') {
    const parsed = secondsFromText(value.trim());
    if (parsed === undefined) {
      return {
        ok: false,
        message: `expected a duration such as 15m, 1h, 1h30m or 3600s, or a number of seconds, received ${describeValue(value)}`,
      };
    }
    seconds = parsed;
  } else {
    return { ok: false, message: invalidTypeMessage('a duration such as 1h, or a number of seconds', value) };
  }
  if (seconds < MIN_SESSION_SECONDS || seconds > MAX_SESSION_SECONDS) {
    const inSeconds = typeof value === 'string' && !/^\d+$/.test(value.trim()) ? ` (${seconds} seconds)` : '';
    return {
      ok: false,
      message: `expected a duration from 15m to 12h (${MIN_SESSION_SECONDS} to ${MAX_SESSION_SECONDS} seconds, the IAM limits), received ${describeValue(value)}${inSeconds}`,
    };
  }
  return { ok: true, value: seconds };
}

function secondsFromText(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const match = DURATION.exec(text);
  if (!match || text === '') return undefined;
  const [, hours = '0', minutes = '0', secs = '0'] = match;
  return Number(hours) * 3600 + Number(minutes) * 60 + Number(secs);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Reads `expires` into `YYYY-MM-DD`. YAML 1.2 (the default) reads an unquoted 2027-01-31 as a
 * string; a `%YAML 1.1` document reads it as a Date at midnight UTC. Both are accepted.
 */
export function parseIsoDay(value: unknown): Parsed<string> {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      return { ok: false, message: 'expected a date (YYYY-MM-DD), received an invalid date' };
    }
    const iso = value.toISOString();
    if (!iso.endsWith('T00:00:00.000Z')) {
      return { ok: false, message: `expected a date (YYYY-MM-DD), received the timestamp ${iso}` };
    }
    return { ok: true, value: iso.slice(0, 10) };
  }
  if (typeof value !== 'string') {
    return { ok: false, message: invalidTypeMessage('a date (YYYY-MM-DD)', value) };
  }
  const match = ISO_DAY.exec(value);
  if (!match) return { ok: false, message: `expected a date (YYYY-MM-DD), received ${describeValue(value)}` };
  const [, year = '', month = '', day = ''] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.toISOString().slice(0, 10) !== value) {
    return { ok: false, message: `expected a calendar date (YYYY-MM-DD), received ${describeValue(value)}` };
  }
  return { ok: true, value };
}

/** A value read by `parse`, whose failure is one custom issue. */
function parsedBy<T>(parse: (value: unknown) => Parsed<T>) {
  return z.unknown().transform((value, ctx) => {
    const result = parse(value);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.message, input: value });
    return z.NEVER;
  });
}

// ---------------------------------------------------------------------------------------------
// Sections

const classifierSchema = z.strictObject(
  {
    tags: z
      .record(nonEmptyString, listOf(nonEmptyString, { quoteHint: true }), {
        error: typeError('object of tag key -> values'),
      })
      .nullish(),
    names: listOf(nonEmptyString).nullish(),
    accounts: listOf(accountId).nullish(),
    arns: listOf(arnGlob).nullish(),
  },
  { error: typeError('object with tags, names, accounts or arns') },
);

const classifiersSchema = z
  .record(nonEmptyString, classifierSchema.nullable(), { error: typeError('object of name -> classifier') })
  .nullish();

const declarationSchema = z.strictObject(
  {
    actions: listOf(actionPattern, { nonEmpty: true }),
    resources: listOf(resourcePattern, { nonEmpty: true }).nullish(),
  },
  { error: typeError('object with actions and resources') },
);

const zoneOptOutSchema = z.strictObject(
  { zone: capability, reason: nonEmptyString },
  { error: typeError('object with zone and reason') },
);

const agentSchema = z.strictObject(
  {
    name: nonEmptyString,
    owner: nonEmptyString.nullish(),
    identities: z
      .array(identitySchema, { error: typeError('array of identities') })
      .min(1, { error: 'expected at least one identity, received an empty array' }),
    may: z.array(declarationSchema, { error: typeError('array of { actions, resources }') }).nullish(),
    environments: listOf(nonEmptyString).nullish(),
    data: z
      .strictObject(
        { read: listOf(nonEmptyString).nullish(), write: listOf(nonEmptyString).nullish() },
        { error: typeError('object with read and write') },
      )
      .nullish(),
    forbid: listOf(capability).nullish(),
    'allow-zones': z.array(zoneOptOutSchema, { error: typeError('array of { zone, reason }') }).nullish(),
    'human-approval': listOf(capability).nullish(),
    'max-session-duration': parsedBy(parseDurationSeconds).nullish(),
  },
  { error: typeError('object with name and identities') },
);

const ignoreSchema = z.strictObject(
  {
    rule: ruleId,
    agent: nonEmptyString.nullish(),
    actions: listOf(actionPattern, { nonEmpty: true }).nullish(),
    resources: listOf(resourcePattern, { nonEmpty: true }).nullish(),
    reason: nonEmptyString,
    expires: parsedBy(parseIsoDay).nullish(),
  },
  { error: typeError('object with rule and reason') },
);

const rulesSchema = z.strictObject(
  {
    'fail-on': oneOf(FAIL_ON_VALUES).nullish(),
    strict: z.boolean({ error: typeError('true or false') }).nullish(),
    severity: z
      .partialRecord(ruleId, severity, { error: typeError('object of rule id -> severity') })
      .nullish(),
    ignore: z.array(ignoreSchema, { error: typeError('array of { rule, reason, … }') }).nullish(),
  },
  { error: typeError('object with fail-on, strict, severity or ignore') },
);

const organizationSchema = z.strictObject(
  { scps: listOf(nonEmptyString).nullish(), rcps: listOf(nonEmptyString).nullish() },
  { error: typeError('object with scps and rcps') },
);

/**
 * blast-radius.yaml as written (kebab-case keys). Every object is strict: an unknown key is an
 * error. An optional key left empty (`forbid:` with nothing after it) is the same as leaving it out.
 */
export const configSchema = z.strictObject(
  {
    version: z.literal(1),
    environments: classifiersSchema,
    data: classifiersSchema,
    agents: z.array(agentSchema, { error: typeError('array of agents') }).nullish(),
    organization: organizationSchema.nullish(),
    'approval-conditions': listOf(conditionKey).nullish(),
    rules: rulesSchema.nullish(),
  },
  { error: typeError('object (version: 1, environments, data, agents, …)') },
);

export type RawConfig = z.output<typeof configSchema>;
export type RawAgent = z.output<typeof agentSchema>;
export type RawClassifier = z.output<typeof classifierSchema>;
