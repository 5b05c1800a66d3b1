import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { MAX_JSON_DEPTH, nestingBeyondOffset, syntaxErrorOffset } from './terraform-plan/json-position.js';
import { lineAndColumn } from './terraform-plan/read-plan.js';

/** How errors about one kind of JSON input are named. */
export interface JsonInputKind {
  /** As a message names it: `the baseline report`, `the account snapshot`. */
  readonly what: string;
  /** The error code prefix: `baseline`, `snapshot`. */
  readonly code: string;
  /** How to produce a good one. */
  readonly hint: string;
}

/**
 * Reads and parses a JSON input file. Returns the text too, so that later errors can give lines.
 *
 * @throws InputError `input.unreadable`, or `<code>.invalid-json` or `<code>.too-deep` with the line and column.
 */
export async function readJsonFile(
  file: string,
  kind: JsonInputKind,
): Promise<{ text: string; value: unknown }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'error';
    throw new InputError('input.unreadable', `cannot read ${kind.what} (${code})`, {
      location: { file },
      hint: kind.hint,
      cause: error,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const { line, column } = lineAndColumn(text, syntaxErrorOffset(text));
    throw new InputError(`${kind.code}.invalid-json`, `${kind.what} is not valid JSON`, {
      location: { file, line, column },
      hint: kind.hint,
      cause: error,
    });
  }
  const tooDeep = nestingBeyondOffset(text, MAX_JSON_DEPTH);
  if (tooDeep !== undefined) {
    throw new InputError(
      `${kind.code}.too-deep`,
      `${kind.what} nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`,
      {
        location: { file, ...lineAndColumn(text, tooDeep) },
        hint: kind.hint,
      },
    );
  }
  return { text, value };
}
