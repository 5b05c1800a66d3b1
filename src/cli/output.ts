import { randomBytes } from 'node:crypto';
import { access, link, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InputError, UsageError } from '../errors.js';

export interface WriteOptions {
  /** False: fail with `output.exists` rather than replace a file that exists (checked atomically). Default true. */
  readonly overwrite?: boolean;
}

/**
 * Writes the whole text (one string, or chunks in order) or nothing: to a temporary file beside the
 * target, then renamed over it (or, when overwriting is not allowed, linked to the target name,
 * which fails if it exists).
 */
export async function writeOutput(
  file: string,
  text: string | readonly string[],
  options: WriteOptions = {},
): Promise<void> {
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeChunks(temporary, typeof text === 'string' ? [text] : text);
    if (options.overwrite === false) {
      await link(temporary, file);
      await rm(temporary);
    } else {
      await rename(temporary, file);
    }
  } catch (error) {
    await rm(temporary, { force: true });
    const code = errorCode(error);
    if (code === 'EEXIST') throw outputExistsError(file);
    throw new InputError('output.unwritable', `cannot write the file (${code ?? 'error'})`, {
      location: { file },
    });
  }
}

/**
 * Writes a directory of files whole or not at all: into a temporary directory beside it, then
 * renamed into place, replacing an earlier run's directory of the same name.
 */
export async function writeDirectory(
  dir: string,
  files: ReadonlyMap<string, readonly string[]>,
): Promise<void> {
  const temporary = `${dir}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(dirname(dir), { recursive: true });
    await mkdir(temporary);
    for (const [name, chunks] of files) await writeChunks(join(temporary, name), chunks);
    await rm(dir, { recursive: true, force: true });
    await rename(temporary, dir);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw new InputError('output.unwritable', `cannot write the reports (${errorCode(error) ?? 'error'})`, {
      location: { file: dir },
    });
  }
}

async function writeChunks(file: string, chunks: readonly string[]): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    for (const chunk of chunks) await handle.write(chunk, null, 'utf8');
  } finally {
    await handle.close();
  }
}

/** Fails with `output.exists` when the file exists, before any work is done to fill it. */
export async function assertOutputFree(file: string): Promise<void> {
  const exists = await access(file).then(
    () => true,
    () => false,
  );
  if (exists) throw outputExistsError(file);
}

function outputExistsError(file: string): UsageError {
  return new UsageError('output.exists', 'the file already exists and is never overwritten without --force', {
    location: { file },
    hint: 'pass --force to replace it, or --output to write somewhere else',
  });
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
