import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError } from '../../errors.js';
import type { Config } from '../../model/config.js';
import { parseConfig } from './parse-config.js';
import { DEFAULT_CONFIG_FILE, emptyConfig } from './to-model.js';

/**
 * Reads and validates blast-radius.yaml.
 *
 * @throws ConfigError `config.not-found`, `config.unreadable`, `config.invalid-yaml` or `config.invalid` (exit code 2).
 */
export async function readConfig(file: string): Promise<Config> {
  const text = await readConfigText(file);
  if (text === undefined) {
    throw new ConfigError('config.not-found', 'config file not found', {
      location: { file },
      hint: 'check the --config path, or run `blast-radius init` to write a blast-radius.yaml',
    });
  }
  return parseConfig(text, file);
}

export interface LoadConfigOptions {
  /** Directory in which to look for the default ./blast-radius.yaml and resolve a relative `file`; the process's by default. */
  readonly cwd?: string;
}

/**
 * The configuration to run with. With `file`, that file must exist (`config.not-found`
 * otherwise). Without it, ./blast-radius.yaml is read if it exists; if it does not, the result
 * is {@link emptyConfig} (no agents, no environments, every default) and `found` is false.
 */
export async function loadConfigOrDefault(
  file: string | undefined,
  options: LoadConfigOptions = {},
): Promise<{ config: Config; found: boolean }> {
  const inCwd = (path: string): string => (options.cwd === undefined ? path : resolve(options.cwd, path));
  if (file !== undefined) return { config: await readConfig(inCwd(file)), found: true };

  const defaultFile = inCwd(DEFAULT_CONFIG_FILE);
  const text = await readConfigText(defaultFile);
  if (text === undefined) return { config: emptyConfig(defaultFile), found: false };
  return { config: parseConfig(text, defaultFile), found: true };
}

/** The file's text, or undefined when it does not exist. */
async function readConfigText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return undefined;
    const reason =
      code === 'EISDIR'
        ? 'it is a directory'
        : code === 'EACCES'
          ? 'permission denied'
          : (code ?? 'unknown error');
    throw new ConfigError('config.unreadable', `cannot read the config file (${reason})`, {
      location: { file },
      cause: error,
    });
  }
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
