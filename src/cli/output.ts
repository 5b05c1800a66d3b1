import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { InputError } from '../errors.js';

/** Writes the whole text or nothing: to a temporary file beside the target, then renamed over it. */
export async function writeOutput(file: string, text: string): Promise<void> {
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new InputError(
      'output.unwritable',
      `cannot write the report (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      {
        location: { file },
      },
    );
  }
}
