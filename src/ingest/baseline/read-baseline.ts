import { z } from 'zod';
import { InputError } from '../../errors.js';
import type { BaselineFinding } from '../../model/report.js';
import { SEVERITIES } from '../../model/severity.js';
import { describeValue, invalidTypeMessage } from '../config/messages.js';
import { readJsonFile } from '../json-file.js';
import { formatIssuePath, formatZodIssues } from '../zod-issues.js';

const HINT =
  'pass a JSON report written earlier by `blast-radius check --format json` or `blast-radius audit` (report.json)';

/**
 * What a baseline needs of a previous JSON report: its schema version, every finding's id and, to
 * name the findings that are gone, their rule, severity, agent and title when they are well formed.
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
        {
          id: z.string({ error: (issue) => invalidTypeMessage('a string', issue.input) }).min(1),
          rule: z.string().optional().catch(undefined),
          severity: z.enum(SEVERITIES).optional().catch(undefined),
          agent: z.string().optional().catch(undefined),
          title: z.string().optional().catch(undefined),
        },
        { error: (issue) => invalidTypeMessage('a finding object', issue.input) },
      ),
      { error: (issue) => invalidTypeMessage('an array of findings', issue.input) },
    ),
  },
  { error: (issue) => invalidTypeMessage('a JSON report object', issue.input) },
);

/**
 * The findings of a previous JSON report (`--baseline`), by id.
 *
 * @throws InputError `input.unreadable`, `baseline.invalid-json` or `baseline.invalid` (exit code 2),
 *   naming the file and the line or JSON path.
 */
export async function readBaseline(file: string): Promise<ReadonlyMap<string, BaselineFinding>> {
  const { value } = await readJsonFile(file, { what: 'the baseline report', code: 'baseline', hint: HINT });
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
  return new Map(
    parsed.data.findings.map((f) => [
      f.id,
      {
        id: f.id,
        ...(f.rule === undefined ? {} : { rule: f.rule }),
        ...(f.severity === undefined ? {} : { severity: f.severity }),
        ...(f.agent === undefined ? {} : { agent: f.agent }),
        ...(f.title === undefined ? {} : { title: f.title }),
      },
    ]),
  );
}
