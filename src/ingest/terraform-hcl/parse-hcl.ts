import { z } from 'zod';
import { InputError } from '../../errors.js';

/** A .tf file as hcl2json gives it: block type -> labels -> bodies, attributes as values or template strings. */
export type HclBody = Readonly<Record<string, unknown>>;

const bodySchema = z.record(z.string(), z.unknown());

/** `parse config: [main.tf:2,7-3,1: Invalid expression; Expected …]` -> line, column and the reason. */
const DIAGNOSTIC = /:(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^;\]]+)(?:; ([^\]]*))?/;

function sentence(text: string): string {
  const trimmed = text.trim().replace(/\.$/, '');
  return trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
}

/** Parses one HCL file (a .tf or a .tfvars) with hcl2json; a syntax error names the file and line. */
export async function parseHclFile(file: string, text: string): Promise<HclBody> {
  let raw: unknown;
  try {
    // loaded on first use: hcl2json starts a WebAssembly module, which plan mode never needs
    const { parse } = await import('@cdktf/hcl2json');
    raw = await parse(file, text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const match = DIAGNOSTIC.exec(message);
    const line = match?.[1] === undefined ? undefined : Number(match[1]);
    const column = match?.[2] === undefined ? undefined : Number(match[2]);
    const summary = match?.[3] === undefined ? 'cannot be parsed' : sentence(match[3]);
    const detail = match?.[4] === undefined ? '' : `: ${sentence(match[4])}`;
    throw new InputError('hcl.invalid', `not valid HCL: ${summary}${detail}`, {
      location: {
        file,
        ...(line === undefined ? {} : { line }),
        ...(column === undefined ? {} : { column }),
      },
      hint: 'check the file with `terraform validate`',
      cause: error,
    });
  }
  const parsed = bodySchema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError('hcl.invalid', 'not valid HCL: hcl2json did not return an object', {
      location: { file },
    });
  }
  return parsed.data;
}
