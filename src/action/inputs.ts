import * as core from '@actions/core';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { formatZodIssues } from '../ingest/zod-issues.js';

const text = z.string().min(1);

const booleanInput = z
  .string()
  .regex(/^(true|false)$/i, { message: 'expected true or false' })
  .transform((value) => value.toLowerCase() === 'true')
  .default(true);

/** The Action's inputs (action.yml, which gives the defaults); an input set to '' counts as not set. */
const inputsSchema = z.strictObject({
  plan: text,
  hcl: text.optional(),
  config: text.optional(),
  'fail-on': z.enum(['critical', 'high', 'medium', 'low', 'none']).optional(),
  comment: booleanInput,
  /** Any input the tool could not fully interpret fails the step. */
  strict: booleanInput,
  /** Where to write the SARIF file; not set: no SARIF. */
  sarif: text.optional(),
  'github-token': text.optional(),
});

export type ActionInputs = z.infer<typeof inputsSchema>;

const NAMES = ['plan', 'hcl', 'config', 'fail-on', 'strict', 'comment', 'sarif', 'github-token'] as const;

/** Reads and validates every input; a bad one is one UsageError naming the input as the workflow writes it. */
export function readActionInputs(): ActionInputs {
  const raw = Object.fromEntries(
    NAMES.flatMap((name) => {
      const value = core.getInput(name);
      return value === '' ? [] : [[name, value]];
    }),
  );
  const parsed = inputsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = String(issue?.path[0] ?? 'inputs');
  const message =
    issue === undefined ? 'invalid inputs' : formatZodIssues([{ ...issue, path: [] }], `input ${name}`);
  throw new UsageError('action.invalid-input', message, {
    ...(name === 'plan'
      ? {
          hint: 'run `terraform show -json plan.out > plan.json` in an earlier step and pass `plan: plan.json`',
        }
      : {}),
  });
}
