import { readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { InputError } from '../../errors.js';
import { type HclBody, parseHclFile } from './parse-hcl.js';

/** One parsed .tf file. */
export interface HclFile {
  readonly file: string;
  readonly text: string;
  readonly body: HclBody;
}

/** The .tf files of one module directory. */
export interface HclModuleFiles {
  readonly dir: string;
  readonly files: readonly HclFile[];
}

/** Variable values from a .tfvars file, lowest precedence first. */
export interface VariableFile {
  readonly file: string;
  readonly values: HclBody;
}

/** Everything read from disk for HCL mode: the root module, every local module it calls, and variable files. */
export interface HclTree {
  readonly root: string;
  /** By directory, as `join`ed from the root and each module's local `source`. */
  readonly modules: ReadonlyMap<string, HclModuleFiles>;
  readonly variableFiles: readonly VariableFile[];
  /** file() and templatefile(): a file's text (relative paths from the root), or undefined when it cannot be read. */
  readonly readText: (path: string) => string | undefined;
}

const READ_FAILURES: Readonly<Record<string, string>> = {
  ENOENT: 'it does not exist',
  EACCES: 'permission to read it is denied',
  ENOTDIR: 'is a file, not a directory',
  EISDIR: 'is a directory, not a file',
};

function reasonOf(error: unknown, kind: 'directory' | 'file'): string {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (code === 'ENOENT') return `the ${kind} does not exist`;
  return READ_FAILURES[code] ?? (error instanceof Error ? error.message : String(error));
}

async function listTf(dir: string, required: boolean): Promise<string[] | undefined> {
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    const names = await readdir(dir);
    return names.filter((name) => name.endsWith('.tf')).sort();
  } catch (error) {
    if (!required) return undefined;
    throw new InputError('hcl.unreadable', `cannot be read: ${reasonOf(error, 'directory')}`, {
      location: { file: dir },
      cause: error,
    });
  }
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError('hcl.unreadable', `cannot be read: ${reasonOf(error, 'file')}`, {
      location: { file },
      cause: error,
    });
  }
}

async function readModule(dir: string, required: boolean): Promise<HclModuleFiles | undefined> {
  const names = await listTf(dir, required);
  if (names === undefined) return undefined;
  const files: HclFile[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const text = await readText(file);
    files.push({ file, text, body: await parseHclFile(file, text) });
  }
  return { dir, files };
}

/** The local `source` of every `module` block: a path starting with ./ or ../. */
export function localModuleSources(files: readonly HclFile[]): string[] {
  return files.flatMap((file) => {
    const calls = file.body.module;
    if (typeof calls !== 'object' || calls === null) return [];
    return Object.values(calls).flatMap((bodies: unknown) =>
      (Array.isArray(bodies) ? bodies : []).flatMap((body: unknown) => {
        const source =
          typeof body === 'object' && body !== null && 'source' in body ? body.source : undefined;
        return typeof source === 'string' && isLocalSource(source) ? [source] : [];
      }),
    );
  });
}

export function isLocalSource(source: string): boolean {
  return /^\.\.?[\\/]/.test(source);
}

async function readVariableFile(file: string): Promise<VariableFile> {
  const text = await readText(file);
  if (file.endsWith('.json')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
        return { file, values: Object.fromEntries(Object.entries(parsed)) };
    } catch (error) {
      throw new InputError('hcl.invalid-tfvars', 'not valid JSON', { location: { file }, cause: error });
    }
    throw new InputError('hcl.invalid-tfvars', 'expected an object of variable values', {
      location: { file },
    });
  }
  return { file, values: await parseHclFile(file, text) };
}

/** terraform.tfvars(.json), then *.auto.tfvars(.json) in name order, as Terraform loads them. */
async function automaticVariableFiles(dir: string): Promise<string[]> {
  const names: string[] = await readdir(dir).catch(() => []);
  const auto = names.filter((name) => /\.auto\.tfvars(\.json)?$/.test(name)).sort();
  const fixed = ['terraform.tfvars', 'terraform.tfvars.json'].filter((name) => names.includes(name));
  return [...fixed, ...auto].map((name) => join(dir, name));
}

/**
 * Reads the .tf files of `root` and, recursively, of every local module they call (a module
 * directory that cannot be read is left out; the model reports its call as unresolved), then the
 * variable files: the automatic ones of the root, then each `--var-file` in order.
 */
export async function readHclTree(root: string, varFiles: readonly string[] = []): Promise<HclTree> {
  const first = await readModule(root, true);
  if (first === undefined || first.files.length === 0) {
    throw new InputError('hcl.no-files', 'holds no .tf file', {
      location: { file: root },
      hint: '--hcl takes the directory of the root module',
    });
  }
  const modules = new Map<string, HclModuleFiles>([[root, first]]);
  const queue = [first];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const source of localModuleSources(next.files)) {
      const dir = join(next.dir, source);
      if (modules.has(dir) || resolve(dir) === resolve(next.dir)) continue;
      const module = await readModule(dir, false);
      if (module === undefined) continue;
      modules.set(dir, module);
      queue.push(module);
    }
  }
  const files = [...(await automaticVariableFiles(root)), ...varFiles];
  const variableFiles: VariableFile[] = [];
  for (const file of files) variableFiles.push(await readVariableFile(file));
  return {
    root,
    modules,
    variableFiles,
    readText: (path) => {
      try {
        // Terraform reads relative paths from the root module's directory (path.module is relative to it)
        return readFileSync(isAbsolute(path) ? path : join(root, path), 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}
