import { z } from 'zod';
import { UsageError } from '../errors.js';
import { formatZodIssues, MAX_ISSUES } from '../ingest/zod-issues.js';
import { EXPLAIN_FORMATS, type ExplainFormat, FORMATS, type Format } from '../report/index.js';

const FAIL_ON = ['critical', 'high', 'medium', 'low', 'none'] as const;

const file = z.string().min(1);

/** The inputs every analysing command reads, and the flags they all take. */
const inputFlags = {
  plan: file.optional(),
  account: file.optional(),
  /** Without --plan: the .tf directory the whole analysis reads; with it: where findings are shown. */
  hcl: file.optional(),
  varFile: z.array(file).default([]),
  config: file.optional(),
  debug: z.boolean().default(false),
};

/** The input flags as the pipeline takes them. */
export function inputOptionsOf(flags: {
  readonly plan?: string | undefined;
  readonly account?: string | undefined;
  readonly hcl?: string | undefined;
  readonly varFile: readonly string[];
  readonly config?: string | undefined;
}): { plan?: string; account?: string; hcl?: string; varFiles?: readonly string[]; config?: string } {
  return {
    ...(flags.plan === undefined ? {} : { plan: flags.plan }),
    ...(flags.account === undefined ? {} : { account: flags.account }),
    ...(flags.hcl === undefined ? {} : { hcl: flags.hcl }),
    ...(flags.varFile.length === 0 ? {} : { varFiles: flags.varFile }),
    ...(flags.config === undefined ? {} : { config: flags.config }),
  };
}

/** Collects a repeatable option (`--var-file a --var-file b`) for commander. */
export function collectRepeated(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function varFileNeedsHcl(
  flags: {
    readonly hcl?: string | undefined;
    readonly plan?: string | undefined;
    readonly varFile: readonly string[];
  },
  ctx: z.RefinementCtx,
): void {
  if (flags.varFile.length > 0 && (flags.hcl === undefined || flags.plan !== undefined))
    ctx.addIssue({
      code: 'custom',
      path: ['varFile'],
      message: 'applies only to HCL mode: --hcl DIR without --plan',
    });
}

function formatFlag<T extends string>(
  formats: readonly string[],
  isFormat: (value: string) => value is T,
  fallback: T,
) {
  return z
    .custom<T>((value) => typeof value === 'string' && isFormat(value), {
      message: `expected one of ${formats.join(', ')}`,
    })
    .default(fallback);
}

/** Flags of `check`, validated before anything runs. */
export const checkFlagsSchema = z
  .strictObject({
    ...inputFlags,
    format: formatFlag(FORMATS, isFormat, 'text'),
    output: file.optional(),
    failOn: z.enum(FAIL_ON).optional(),
    strict: z.boolean().optional(),
    baseline: file.optional(),
    color: z.boolean().default(true),
  })
  .superRefine(varFileNeedsHcl);

/** Flags of `explain`. */
export const explainFlagsSchema = z
  .strictObject({
    ...inputFlags,
    action: z.string().regex(/\S/, { message: 'expected an action such as s3:DeleteObject' }).optional(),
    resource: z.string().regex(/\S/, { message: 'expected an ARN, or *' }).optional(),
    format: formatFlag(EXPLAIN_FORMATS, isExplainFormat, 'text'),
    output: file.optional(),
    color: z.boolean().default(true),
  })
  .superRefine(varFileNeedsHcl);

/** Flags of `init`. */
export const initFlagsSchema = z
  .strictObject({
    ...inputFlags,
    output: file.default('blast-radius.yaml'),
    force: z.boolean().default(false),
  })
  .superRefine(varFileNeedsHcl);

const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/.+$/;

/** `--shard i/n`: the i-th of n slices of the accounts, 1-based. */
const shardFlag = z
  .string()
  .regex(/^\d+\/\d+$/, { message: 'expected i/n such as 2/4' })
  .transform((text) => {
    const [index, count] = text.split('/').map(Number) as [number, number];
    return { index, count };
  })
  .refine((s) => s.count >= 1 && s.index >= 1 && s.index <= s.count, {
    message: 'expected i/n with 1 <= i <= n, such as 2/4',
  });

const LIVE_ONLY = ['roleArn', 'externalId', 'saveSnapshot'] as const;
const AWS_ACCESS = ['profile', 'region', 'endpointUrl'] as const;
const ACCOUNTS_ONLY = ['shard', 'concurrency'] as const;

/**
 * Flags of `audit`: one account (a snapshot file, or the live account) or the accounts of
 * accounts.yaml; the AWS flags need a live read.
 */
export const auditFlagsSchema = z
  .strictObject({
    account: file.optional(),
    live: z.boolean().default(false),
    accounts: file.optional(),
    shard: shardFlag.optional(),
    concurrency: z.coerce
      .number({ message: 'expected a whole number from 1 to 32' })
      .int({ message: 'expected a whole number from 1 to 32' })
      .min(1, { message: 'expected a whole number from 1 to 32' })
      .max(32, { message: 'expected a whole number from 1 to 32' })
      .optional(),
    profile: z.string().min(1).optional(),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, { message: 'expected a region such as us-east-1' })
      .optional(),
    endpointUrl: z.url({ message: 'expected a URL such as http://localhost:4566' }).optional(),
    roleArn: z
      .string()
      .regex(ROLE_ARN, { message: 'expected a role ARN such as arn:aws:iam::111111111111:role/audit' })
      .optional(),
    externalId: z.string().min(2).max(1224).optional(),
    saveSnapshot: file.optional(),
    config: file.optional(),
    out: file.default('reports'),
    baseline: file.optional(),
    baselineDir: file.optional(),
    failOn: z.enum(FAIL_ON).optional(),
    strict: z.boolean().optional(),
    color: z.boolean().default(true),
    debug: z.boolean().default(false),
  })
  .superRefine((flags, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const sources = [flags.account !== undefined, flags.live, flags.accounts !== undefined].filter(Boolean);
    if (sources.length !== 1) issue('account', 'give one of --account FILE, --live or --accounts FILE');
    for (const flag of LIVE_ONLY)
      if (flags[flag] !== undefined && !flags.live) issue(flag, 'reads the live account: needs --live');
    for (const flag of AWS_ACCESS)
      if (flags[flag] !== undefined && !flags.live && flags.accounts === undefined)
        issue(flag, 'reads the live account: needs --live or --accounts');
    for (const flag of ACCOUNTS_ONLY)
      if (flags[flag] !== undefined && flags.accounts === undefined) issue(flag, 'needs --accounts');
    if (flags.accounts !== undefined && flags.baseline !== undefined)
      issue(
        'baseline',
        'is one report: with --accounts, give --baseline-dir (the reports directory of an earlier run)',
      );
    if (flags.baseline !== undefined && flags.baselineDir !== undefined)
      issue('baselineDir', 'give --baseline or --baseline-dir, not both');
    if (flags.externalId !== undefined && flags.roleArn === undefined)
      issue('externalId', 'is sent when assuming --role-arn: give --role-arn');
  });

/** Flags of `report`: a plan, an account snapshot, or a plan over an account snapshot. */
export const reportFlagsSchema = z
  .strictObject({
    ...inputFlags,
    exportFile: file.default('blast-radius-view.md'),
    color: z.boolean().default(true),
  })
  .superRefine((flags, ctx) => {
    const terraform = flags.plan !== undefined || flags.hcl !== undefined;
    if (!terraform && flags.account === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['plan'],
        message: 'give --plan FILE or --hcl DIR, --account FILE, or a plan or .tf over an account',
      });
    varFileNeedsHcl(flags, ctx);
  });

export type ReportFlags = z.infer<typeof reportFlagsSchema>;

export function parseReportFlags(raw: unknown): ReportFlags {
  return parseFlags(reportFlagsSchema, raw);
}

/** Flags and arguments of `merge`. */
export const mergeFlagsSchema = z.strictObject({
  dirs: z.array(file).min(1, { message: 'give at least one reports directory' }),
  accounts: file.optional(),
  out: file.default('reports'),
  debug: z.boolean().default(false),
});

export type MergeFlags = z.infer<typeof mergeFlagsSchema>;

export function parseMergeFlags(raw: unknown): MergeFlags {
  return parseFlags(mergeFlagsSchema, raw);
}

export type AuditFlags = z.infer<typeof auditFlagsSchema>;

export function parseAuditFlags(raw: unknown): AuditFlags {
  return parseFlags(auditFlagsSchema, raw);
}

export type CheckFlags = z.infer<typeof checkFlagsSchema>;
export type ExplainFlags = z.infer<typeof explainFlagsSchema>;
export type InitFlags = z.infer<typeof initFlagsSchema>;

export function parseCheckFlags(raw: unknown): CheckFlags {
  return parseFlags(checkFlagsSchema, raw);
}

export function parseExplainFlags(raw: unknown): ExplainFlags {
  return parseFlags(explainFlagsSchema, raw);
}

export function parseInitFlags(raw: unknown): InitFlags {
  return parseFlags(initFlagsSchema, raw);
}

/** Parses commander's option object; a bad value is one UsageError naming each flag as typed (`--fail-on`). */
function parseFlags<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const lines = issues.slice(0, MAX_ISSUES).map((issue) => {
    const [flag, ...rest] = issue.path;
    if (typeof flag !== 'string') return formatZodIssues([issue]);
    return formatZodIssues([{ ...issue, path: rest }], `--${kebabCase(flag)}`);
  });
  if (issues.length > MAX_ISSUES) lines.push(`and ${issues.length - MAX_ISSUES} more`);
  throw new UsageError('usage.invalid-flag', lines.join('; '));
}

function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

function isFormat(value: string): value is Format {
  return FORMATS.includes(value);
}

function isExplainFormat(value: string): value is ExplainFormat {
  return EXPLAIN_FORMATS.includes(value);
}

export const FAIL_ON_CHOICES: readonly string[] = FAIL_ON;

/** The help of `--strict`, the same on every command that gates. */
export const STRICT_HELP =
  "exit 1 when any input could not be fully interpreted (listed under 'could not be fully analysed'); default: the config's rules.strict, else off";
