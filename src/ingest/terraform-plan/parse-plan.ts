import { InputError } from '../../errors.js';
import { formatZodIssues } from '../zod-issues.js';
import { planSchema, type RawPlan } from './plan-schema.js';
import { isRecord } from './values.js';

const PRODUCE_PLAN_HINT = 'produce it with `terraform show -json plan.out > plan.json`';

/** Terraform keeps the JSON format compatible within a major version; these are the majors this reader knows. */
const SUPPORTED_MAJOR_VERSIONS = new Set(['0', '1']);

/** Checks that `raw` is a Terraform JSON plan of a supported format and reads the fields the tool uses. */
export function parsePlan(raw: unknown, file: string): RawPlan {
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
  if (major === undefined || !SUPPORTED_MAJOR_VERSIONS.has(major)) {
    throw new InputError(
      'plan.format-version',
      `${JSON.stringify(version)} is not supported (expected 0.x or 1.x)`,
      {
        location: { file, path: 'format_version' },
        hint: 'produce the plan with Terraform 0.12 or later, up to 1.x',
      },
    );
  }
  const parsed = planSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError('plan.invalid', formatZodIssues(parsed.error.issues), { location: { file } });
  }
  return parsed.data;
}
