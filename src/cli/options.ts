import { z } from 'zod';
import { UsageError } from '../errors.js';
import { formatZodIssues } from '../ingest/zod-issues.js';
import type { FailOn } from '../model/severity.js';
import { FORMATS, type Format } from '../report/index.js';

const FAIL_ON = ['critical', 'high', 'medium', 'low', 'none'] as const;

/** Flags of `check` (and the commands that take the same inputs), validated before anything runs. */
export const checkFlagsSchema = z.strictObject({
  plan: z.string().min(1).optional(),
  config: z.string().min(1).optional(),
  format: z
    .string()
    .refine((f): f is Format => FORMATS.includes(f), { message: `expected one of ${FORMATS.join(', ')}` })
    .default('text'),
  output: z.string().min(1).optional(),
  failOn: z.enum(FAIL_ON).optional(),
  color: z.boolean().default(true),
  debug: z.boolean().default(false),
});

export type CheckFlags = Omit<z.infer<typeof checkFlagsSchema>, 'format' | 'failOn'> & {
  readonly format: Format;
  readonly failOn?: FailOn;
};

export function parseCheckFlags(raw: unknown): CheckFlags {
  const parsed = checkFlagsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new UsageError(
      'usage.invalid-flag',
      formatZodIssues(parsed.error.issues).replace(/^(\w+)/, '--$1'),
    );
  }
  const { format, failOn, ...rest } = parsed.data;
  if (!isFormat(format))
    throw new UsageError('usage.invalid-flag', `--format: expected one of ${FORMATS.join(', ')}`);
  return { ...rest, format, ...(failOn === undefined ? {} : { failOn }) };
}

function isFormat(value: string): value is Format {
  return FORMATS.includes(value);
}

export const FAIL_ON_CHOICES: readonly string[] = FAIL_ON;
