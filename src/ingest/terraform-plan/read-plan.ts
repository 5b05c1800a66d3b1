import { readFile } from 'node:fs/promises';
import { InputError } from '../../errors.js';
import type { PlanModel } from '../../model/plan.js';
import { MAX_JSON_DEPTH, nestingBeyondOffset, syntaxErrorOffset } from './json-position.js';
import type { PlanOptions } from './plan-context.js';
import { planToModel } from './to-model.js';

const READ_FAILURES: Readonly<Record<string, string>> = {
  ENOENT: 'the file does not exist',
  EACCES: 'permission to read the file is denied',
  EISDIR: 'is a directory, not a file',
};

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    const reason = READ_FAILURES[code] ?? (error instanceof Error ? error.message : String(error));
    throw new InputError('input.unreadable', `cannot be read: ${reason}`, {
      location: { file },
      cause: error,
    });
  }
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/**
 * JSON.parse, with a syntax error turned into an InputError naming the file, line and column,
 * and a value nested deeper than {@link MAX_JSON_DEPTH} refused where it goes too deep.
 */
function parseJson(text: string, file: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const { line, column } = lineAndColumn(text, syntaxErrorOffset(text));
    // V8 appends a position or a snippet of the text; the line and column replace both
    const detail = (message.split(/, (?:\.\.\.)?"| in JSON at position /)[0] ?? message).replace(
      'JSON input',
      'input',
    );
    const reason = detail.charAt(0).toLowerCase() + detail.slice(1);
    throw new InputError('plan.invalid-json', `not valid JSON: ${reason}`, {
      location: { file, line, column },
      hint: 'produce it with `terraform show -json plan.out > plan.json`',
      cause: error,
    });
  }
  const tooDeep = nestingBeyondOffset(text, MAX_JSON_DEPTH);
  if (tooDeep !== undefined) {
    throw new InputError('plan.too-deep', `arrays and objects nest more than ${MAX_JSON_DEPTH} levels deep`, {
      location: { file, ...lineAndColumn(text, tooDeep) },
      hint: 'a plan from `terraform show -json` nests a few dozen levels; check how this file was made',
    });
  }
  return value;
}

/** Reads a `terraform show -json` plan file into the model. */
export async function readPlan(file: string, options: PlanOptions = {}): Promise<PlanModel> {
  return planToModel(parseJson(await readText(file), file), file, options);
}
