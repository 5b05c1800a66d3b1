import { InputError } from '../../errors.js';
import type { Inventory } from '../../model/inventory.js';
import { redactSecretKeysIn } from '../../redact.js';
import { resolveAwsManagedPolicy } from '../aws-managed-policies/resolve-aws-managed-policy.js';
import { readJsonFile } from '../json-file.js';
import { addAwsManagedPolicies } from '../terraform-plan/aws-managed.js';
import { jsonPathLines } from '../terraform-source/json-lines.js';
import { formatIssuePath, formatZodIssues } from '../zod-issues.js';
import { snapshotSchema } from './snapshot-schema.js';
import { snapshotToInventory } from './snapshot-to-inventory.js';

const HINT =
  'write it with `aws iam get-account-authorization-details > auth-details.json`, or `blast-radius audit --live --save-snapshot FILE`';

/**
 * An account snapshot (the JSON of `aws iam get-account-authorization-details`, in one piece or
 * as the SDK collected it) as the inventory of the account. `text`, when given, is the file's text,
 * for the line of a bad field. Secret-shaped strings (a tag value, say) are redacted.
 *
 * @throws InputError `snapshot.invalid`, naming the file, the JSON path and the line.
 */
export async function accountSnapshotInventory(
  value: unknown,
  file: string,
  text?: string,
): Promise<Inventory> {
  const parsed = snapshotSchema.safeParse(redactSecretKeysIn(value));
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const first = issues[0];
    const path = first && first.path.length > 0 ? formatIssuePath(first.path) : undefined;
    const line = path !== undefined && text !== undefined ? jsonPathLines(text, [path]).get(path) : undefined;
    throw new InputError('snapshot.invalid', formatZodIssues(issues), {
      location: { file, ...(line === undefined ? (path === undefined ? {} : { path }) : { line }) },
      hint: HINT,
    });
  }
  return addAwsManagedPolicies(snapshotToInventory(parsed.data, file), resolveAwsManagedPolicy);
}

/**
 * Reads an account snapshot file (`--account`).
 *
 * @throws InputError `input.unreadable`, `snapshot.invalid-json` or `snapshot.invalid` (exit code 2).
 */
export async function readAccountSnapshot(file: string): Promise<Inventory> {
  const { text, value } = await readJsonFile(file, {
    what: 'the account snapshot',
    code: 'snapshot',
    hint: HINT,
  });
  return accountSnapshotInventory(value, file, text);
}
