import { readFile } from 'node:fs/promises';
import { InputError } from '../../errors.js';
import type { Policy, PolicyKind } from '../../model/policy.js';
import { redactSecretKeys } from '../../redact.js';
import { parsePolicyDocument } from '../policy-document/parse-policy-document.js';

/** A policy document from a JSON file (an SCP or RCP named in blast-radius.yaml), secret-shaped strings redacted. */
export async function readPolicyFile(file: string, kind: PolicyKind): Promise<Policy> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(
      'input.unreadable',
      `cannot read the policy file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      {
        location: { file },
      },
    );
  }
  const parsed = parsePolicyDocument(redactSecretKeys(text));
  if (!parsed.ok) throw new InputError('policy.invalid', parsed.problem, { location: { file } });
  return { id: `file:${file}`, name: file, kind, document: parsed.document, source: { file } };
}
