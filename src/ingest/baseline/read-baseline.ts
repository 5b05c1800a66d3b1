import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { InputError } from '../../errors.js';
import { describeValue, invalidTypeMessage } from '../config/messages.js';
import { syntaxErrorOffset } from '../terraform-plan/json-position.js';
import { lineAndColumn } from '../terraform-plan/read-plan.js';
import { formatIssuePath, formatZodIssues } from '../zod-issues.js';

const HINT = 'pass a JSON report written earlier by `blast-radius check --format json`';

/**
 * What a baseline needs of a previous JSON report: its schema version and every finding's id.
 * The rest of the report is not read, so it is not checked.
 */
const baselineSchema = z.looseObject(
  {
    schemaVersion: z.literal(1, {
      error: (issue) =>
        issue.input === undefined
          ? invalidTypeMessage('1', issue.input)
          : `expected 1, received ${describeValue(issue.input)}`,
    }),
    findings: z.array(
      z.looseObject(
        { id: z.string({ error: (issue) => invalidTypeMessage('a string', issue.input) }).min(1) },
        { error: (issue) => invalidTypeMessage('a finding object', issue.input) },
      ),
      { error: (issue) => invalidTypeMessage('an array of findings', issue.input) },
    ),
  },
  { error: (issue) => invalidTypeMessage('a JSON report object', issue.input) },
);

/**
 * The finding ids of a previous `check --format json` report (`--baseline`).
 *
 * @throws InputError `input.unreadable`, `baseline.invalid-json` or `baseline.invalid` (exit code 2),
 *   naming the file and the line or JSON path.
 */
export async function readBaseline(file: string): Promise<ReadonlySet<string>> {
  const value = parseJson(await readText(file), file);
  const parsed = baselineSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const only = issues.length === 1 ? issues[0] : undefined;
    const path = only && only.path.length > 0 ? formatIssuePath(only.path) : undefined;
    throw new InputError('baseline.invalid', only ? only.message : formatZodIssues(issues), {
      location: { file, ...(path === undefined ? {} : { path }) },
      hint: HINT,
    });
  }
  return new Set(parsed.data.findings.map((f) => f.id));
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'error';
    throw new InputError('input.unreadable', `cannot read the baseline report (${code})`, {
      location: { file },
      hint: HINT,
      cause: error,
    });
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const { line, column } = lineAndColumn(text, syntaxErrorOffset(text));
    throw new InputError('baseline.invalid-json', 'the baseline report is not valid JSON', {
      location: { file, line, column },
      hint: HINT,
      cause: error,
    });
  }
}
