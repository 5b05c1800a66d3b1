import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { InputError } from '../../errors.js';
import { compareText } from '../../model/order.js';
import { locatePath } from '../config/yaml-location.js';
import { type AccountsFileJson, accountsFileSchema } from './accounts-schema.js';

/** One account of accounts.yaml: read live through `roleArn`, or from `snapshot`. */
export interface AccountEntry {
  readonly id: string;
  readonly name?: string;
  readonly roleArn?: string;
  readonly externalId?: string;
  /** Resolved against the directory of accounts.yaml. */
  readonly snapshot?: string;
}

const HINT =
  'each entry is `- id: "111111111111"` with `role: arn:aws:iam::111111111111:role/NAME` or `snapshot: FILE`';

const KEYS = 'id, name, role, external-id or snapshot at an entry; accounts at the top';

function invalid(file: string, line: number, message: string): InputError {
  return new InputError('accounts.invalid', message, { location: { file, line }, hint: HINT });
}

function toEntry(entry: AccountsFileJson['accounts'][number], base: string): AccountEntry {
  return {
    id: entry.id,
    ...(entry.name === undefined ? {} : { name: entry.name }),
    ...(entry.role === undefined ? {} : { roleArn: entry.role }),
    ...(entry['external-id'] === undefined ? {} : { externalId: entry['external-id'] }),
    ...(entry.snapshot === undefined
      ? {}
      : { snapshot: isAbsolute(entry.snapshot) ? entry.snapshot : join(base, entry.snapshot) }),
  };
}

/**
 * Reads accounts.yaml (`audit --accounts`): the accounts in order of id.
 *
 * @throws InputError `input.unreadable` or `accounts.invalid`, naming the file, the line and the key (exit code 2).
 */
export async function readAccounts(file: string): Promise<readonly AccountEntry[]> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new InputError('input.unreadable', `cannot read the accounts file (${error.code ?? 'error'})`, {
      location: { file },
    });
  });
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax)
    throw invalid(
      file,
      lineCounter.linePos(syntax.pos[0]).line,
      `not valid YAML: ${syntax.message.split('\n')[0]}`,
    );
  const parsed = accountsFileSchema.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const unknown = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const path = [...(issue?.path ?? []), ...(unknown === undefined ? [] : [unknown])];
    const where = locatePath(doc, lineCounter, path);
    const problem = unknown === undefined ? (issue?.message ?? 'invalid') : `unknown key (expected ${KEYS})`;
    throw invalid(file, where.line, `${where.path ? `${where.path} — ` : ''}${problem}`);
  }
  const seen = new Map<string, number>();
  for (const [index, entry] of parsed.data.accounts.entries()) {
    const first = seen.get(entry.id);
    if (first !== undefined)
      throw invalid(
        file,
        locatePath(doc, lineCounter, ['accounts', index, 'id']).line,
        `accounts[${index}].id — the account ${entry.id} is listed twice (also accounts[${first}])`,
      );
    seen.set(entry.id, index);
  }
  const base = dirname(file);
  return parsed.data.accounts.map((entry) => toEntry(entry, base)).sort((a, b) => compareText(a.id, b.id));
}

/** The accounts of shard `index` (1-based) of `count`: every count-th account in order of id. */
export function shardOf<T>(
  accounts: readonly T[],
  shard: { readonly index: number; readonly count: number },
): T[] {
  return accounts.filter((_, i) => i % shard.count === shard.index - 1);
}
