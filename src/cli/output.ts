import { randomBytes } from 'node:crypto';
import { access, type FileHandle, link, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { redactSecretKeysInChunks } from '../redact.js';

export interface WriteOptions {
  /** False: fail with `output.exists` rather than replace a file that exists (checked atomically). Default true. */
  readonly overwrite?: boolean;
}

/**
 * Writes the whole text (one string, or chunks in order) or nothing: to a temporary file beside the
 * target, then renamed over it (or, when overwriting is not allowed, linked to the target name,
 * which fails if it exists). Chunks may be made as they are taken (a generator): a renderer that
 * fails leaves no file and its error goes on as it is.
 */
export async function writeOutput(
  file: string,
  text: string | Iterable<string>,
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
    if (!isSystemError(error)) throw error;
    const code = errorCode(error);
    if (code === 'EEXIST') throw outputExistsError(file);
    throw new InputError('output.unwritable', `cannot write the file (${code ?? 'error'})`, {
      location: { file },
    });
  }
}

/**
 * Writes a directory of files whole or not at all: into a temporary directory beside it, then
 * renamed into place, replacing an earlier run's directory of the same name. Each file's chunks may
 * be made as they are taken (a generator), so that only one file's chunk at a time is held.
 */
export async function writeDirectory(
  dir: string,
  files: ReadonlyMap<string, Iterable<string>>,
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
    if (!isSystemError(error)) throw error;
    throw new InputError('output.unwritable', `cannot write the reports (${errorCode(error) ?? 'error'})`, {
      location: { file: dir },
    });
  }
}

/** Bytes gathered before each write: one write per few megabytes, not one per chunk. */
const WRITE_BUFFER_BYTES = 4 * 1024 * 1024;
/** The most UTF-8 bytes one UTF-16 code unit becomes (a surrogate pair, two units, becomes four). */
const MAX_BYTES_PER_UNIT = 3;

/**
 * Writes the chunks in order, secret-shaped strings redacted, encoded as UTF-8 into one of two
 * reused buffers: when one fills it is written while the next chunks fill the other, so making the
 * text and writing it overlap. A chunk larger than the room left is encoded in pieces, cut between
 * code points, so no chunk is ever copied whole and the bytes are those of the chunks'
 * concatenation.
 */
async function writeChunks(file: string, chunks: Iterable<string>): Promise<void> {
  const handle = await open(file, 'wx');
  let writing: Promise<void> | undefined;
  try {
    let [buffer, spare] = [Buffer.allocUnsafe(WRITE_BUFFER_BYTES), Buffer.allocUnsafe(WRITE_BUFFER_BYTES)];
    let used = 0;
    for (const chunk of redactSecretKeysInChunks(chunks)) {
      for (let start = 0; start < chunk.length; ) {
        if (buffer.length - used < 2 * MAX_BYTES_PER_UNIT) {
          await writing;
          writing = writeAll(handle, buffer, used);
          // a failed write is reported where it is awaited, or dropped when making the text failed first
          writing.catch(() => undefined);
          [buffer, spare] = [spare, buffer];
          used = 0;
        }
        const end = pieceEnd(chunk, start, Math.floor((buffer.length - used) / MAX_BYTES_PER_UNIT));
        const piece = end - start === chunk.length ? chunk : chunk.slice(start, end);
        used += buffer.write(piece, used, 'utf8');
        start = end;
      }
    }
    await writing;
    if (used > 0) await writeAll(handle, buffer, used);
  } finally {
    await writing?.catch(() => undefined);
    await handle.close();
  }
}

/**
 * Where the piece of `text` from `start` that fits in `units` (at least 2) code units ends: never
 * between the two halves of a surrogate pair, which would encode as two replacement characters.
 */
function pieceEnd(text: string, start: number, units: number): number {
  const end = Math.min(text.length, start + units);
  const unit = text.charCodeAt(end - 1);
  return end < text.length && unit >= 0xd800 && unit <= 0xdbff ? end - 1 : end;
}

async function writeAll(handle: FileHandle, buffer: Buffer, length: number): Promise<void> {
  let offset = 0;
  while (offset < length) {
    const { bytesWritten } = await handle.write(buffer, offset, length - offset, null);
    offset += bytesWritten;
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

/** An error of the file system (it has a `syscall`), not one of the code that renders the chunks. */
function isSystemError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'syscall' in error;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
