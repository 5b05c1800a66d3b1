import { InputError } from '../../errors.js';
import { type Diagnostic, diagnostic } from '../../model/source.js';
import { formatZodIssues } from '../zod-issues.js';
import { planSchema, type RawPlan } from './plan-schema.js';
import { isRecord } from './values.js';

const PRODUCE_PLAN_HINT = 'produce it with `terraform show -json plan.out > plan.json`';

/** Terraform keeps the JSON format compatible within a major version; these are the majors this reader knows. */
const SUPPORTED_MAJOR_VERSIONS = new Set(['0', '1']);

/** A plan as read, and a `plan.unknown-format` diagnostic when its format is newer than this reader knows. */
export interface ParsedPlan {
  readonly plan: RawPlan;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Checks that `raw` is a Terraform JSON plan and reads the fields the tool uses. Something that is
 * not a plan (no `format_version`, not `major.minor`, neither `resource_changes` nor
 * `planned_values`) exits 2. A plan of a major format version this reader does not know, whose
 * fields still read as a plan's, is read with a `plan.unknown-format` diagnostic: the analysis may
 * miss what the newer format changed, so `--strict` fails on it; if its fields do not read, it exits 2.
 */
export function parsePlan(raw: unknown, file: string): ParsedPlan {
  if (
    !isRecord(raw) ||
    !('format_version' in raw) ||
    !('resource_changes' in raw || 'planned_values' in raw)
  ) {
    throw new InputError(
      'plan.not-a-plan',
      'not a Terraform JSON plan (expected an object with format_version and resource_changes or planned_values)',
      { location: { file }, hint: PRODUCE_PLAN_HINT },
    );
  }
  const version = raw.format_version;
  const major = typeof version === 'string' ? /^(\d+)\.\d+/.exec(version)?.[1] : undefined;
  if (major === undefined) {
    throw new InputError(
      'plan.format-version',
      `${JSON.stringify(version)} is not a format version (expected major.minor, such as "1.2")`,
      { location: { file, path: 'format_version' }, hint: PRODUCE_PLAN_HINT },
    );
  }
  const known = SUPPORTED_MAJOR_VERSIONS.has(major);
  const parsed = planSchema.safeParse(raw);
  if (!parsed.success) {
    if (!known) {
      throw new InputError(
        'plan.format-version',
        `${JSON.stringify(version)} is a format this tool does not know (it reads 0.x and 1.x), and its fields do not read as a plan's: ${formatZodIssues(parsed.error.issues)}`,
        {
          location: { file, path: 'format_version' },
          hint: 'upgrade blast-radius, or produce the plan with Terraform 1.x',
        },
      );
    }
    throw new InputError('plan.invalid', formatZodIssues(parsed.error.issues), { location: { file } });
  }
  const diagnostics = known
    ? []
    : [
        diagnostic(
          'plan.unknown-format',
          `format_version ${JSON.stringify(version)} is newer than this tool knows (0.x and 1.x); the plan was read as 1.x, and anything the newer format changed may be missed`,
          { file, path: 'format_version' },
        ),
      ];
  return { plan: parsed.data, diagnostics };
}
