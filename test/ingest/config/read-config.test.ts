import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { emptyConfig, loadConfigOrDefault, readConfig } from '../../../src/ingest/config/index.js';

const VALID = 'version: 1\nagents:\n  - name: a\n    identities: [arn:aws:iam::111111111111:role/a]\n';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blast-radius-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('readConfig', () => {
  it('reads and validates the file, keeping the path as given', async () => {
    const file = join(dir, 'blast-radius.yaml');
    await writeFile(file, VALID);
    const config = await readConfig(file);
    expect(config.file).toBe(file);
    expect(config.agents.map((a) => a.source)).toEqual([{ file, line: 3 }]);
  });

  it('resolves organization paths against the file’s directory', async () => {
    const file = join(dir, 'conf', 'blast-radius.yaml');
    await mkdir(join(dir, 'conf'));
    await writeFile(file, 'version: 1\norganization:\n  scps: [policies/deny.json]\n');
    expect((await readConfig(file)).organization.scps).toEqual([join(dir, 'conf', 'policies', 'deny.json')]);
  });

  it('reads a file with a byte order mark', async () => {
    const file = join(dir, 'blast-radius.yaml');
    await writeFile(file, `\uFEFF${VALID}`);
    expect((await readConfig(file)).agents).toHaveLength(1);
  });

  it.each([
    { name: 'a missing file', setup: async () => join(dir, 'nope.yaml'), code: 'config.not-found' },
    {
      name: 'a directory',
      setup: async () => {
        await mkdir(join(dir, 'blast-radius.yaml'));
        return join(dir, 'blast-radius.yaml');
      },
      code: 'config.unreadable',
    },
    {
      name: 'invalid YAML',
      setup: async () => {
        await writeFile(join(dir, 'c.yaml'), 'version: 1\n  bad: indent\n');
        return join(dir, 'c.yaml');
      },
      code: 'config.invalid-yaml',
    },
    {
      name: 'an invalid config',
      setup: async () => {
        await writeFile(join(dir, 'c.yaml'), 'version: 3\n');
        return join(dir, 'c.yaml');
      },
      code: 'config.invalid',
    },
  ])('rejects $name with $code (exit code 2)', async ({ setup, code }) => {
    const file = await setup();
    const error = await rejection(readConfig(file));
    expect(error.code).toBe(code);
    expect(error.exitCode).toBe(2);
    expect(error.location?.file).toBe(file);
  });
});

describe('loadConfigOrDefault', () => {
  it('without a file, reads ./blast-radius.yaml when it exists', async () => {
    await writeFile(join(dir, 'blast-radius.yaml'), VALID);
    const { config, found } = await loadConfigOrDefault(undefined, { cwd: dir });
    expect(found).toBe(true);
    expect(config.agents.map((a) => a.name)).toEqual(['a']);
  });

  it('without a file and without ./blast-radius.yaml, is the empty configuration', async () => {
    const { config, found } = await loadConfigOrDefault(undefined, { cwd: dir });
    expect(found).toBe(false);
    expect(config).toEqual(emptyConfig(join(dir, 'blast-radius.yaml')));
  });

  it('without a file, an invalid ./blast-radius.yaml is still an error', async () => {
    await writeFile(join(dir, 'blast-radius.yaml'), 'version: 1\nagent: []\n');
    const error = await rejection(loadConfigOrDefault(undefined, { cwd: dir }));
    expect(error.code).toBe('config.invalid');
  });

  it('with a file, reads it', async () => {
    await writeFile(join(dir, 'custom.yaml'), VALID);
    const { config, found } = await loadConfigOrDefault('custom.yaml', { cwd: dir });
    expect(found).toBe(true);
    expect(config.file).toBe(join(dir, 'custom.yaml'));
  });

  it('with a file that does not exist, is config.not-found', async () => {
    await writeFile(join(dir, 'blast-radius.yaml'), VALID);
    const error = await rejection(loadConfigOrDefault('custom.yaml', { cwd: dir }));
    expect(error.code).toBe('config.not-found');
    expect(error.location).toEqual({ file: join(dir, 'custom.yaml') });
  });

  it('without options, takes the file as given', async () => {
    await writeFile(join(dir, 'x.yaml'), VALID);
    const { found, config } = await loadConfigOrDefault(join(dir, 'x.yaml'));
    expect(found).toBe(true);
    expect(config.file).toBe(join(dir, 'x.yaml'));
  });
});
