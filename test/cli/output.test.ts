import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDirectory, writeOutput } from '../../src/cli/output.js';
import { InputError } from '../../src/errors.js';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'blast-radius-output-'));
}

/** More than the writer's 4 MiB buffer, with characters of every UTF-8 length at and around every cut. */
function largeChunks(): string[] {
  const mixed = 'aé→😀'; // 1, 2, 3 and 4 bytes (the last a surrogate pair)
  return [
    'x'.repeat(4 * 1024 * 1024 - 3),
    mixed.repeat(3),
    `${mixed.repeat(700_000)}😀`,
    '',
    '😀'.repeat(1_500_000),
    'end\n',
  ];
}

describe('writeOutput', () => {
  it.each([
    { name: 'one string', text: 'plain text\n', expected: 'plain text\n' },
    { name: 'chunks', text: ['{', '"a": 1', '}\n'], expected: '{"a": 1}\n' },
    { name: 'chunks larger than the buffer', text: largeChunks(), expected: largeChunks().join('') },
  ])('writes the UTF-8 of the whole text: $name', async ({ text, expected }) => {
    const file = join(scratch(), 'out.txt');
    await writeOutput(file, text);
    expect(readFileSync(file).equals(Buffer.from(expected, 'utf8'))).toBe(true);
  });

  it('redacts a secret-shaped string, even one split between chunks', async () => {
    const file = join(scratch(), 'out.json');
    await writeOutput(file, [
      '{"token":"NfhY+f8DxeiUyN7d5a/lf',
      '/t4Bh2DgGxlWluswrbZ","id":"7ee72c13e481261a"}\n',
    ]);
    expect(readFileSync(file, 'utf8')).toBe('{"token":"(redacted)","id":"7ee72c13e481261a"}\n');
  });

  it.each([
    { name: 'before any write', first: 'a chunk' },
    { name: 'while a buffer is being written', first: 'x'.repeat(9 * 1024 * 1024) },
  ])(
    'takes the chunks of a generator as they come, and leaves no file when it throws: $name',
    async ({ first }) => {
      const dir = scratch();
      const file = join(dir, 'out.txt');
      function* failing(): Generator<string> {
        yield first;
        throw new RangeError('Invalid string length');
      }
      await expect(writeOutput(file, failing())).rejects.toThrow(RangeError);
      expect(readdirSync(dir)).toEqual([]);
    },
  );

  it('fails with output.unwritable when the file system refuses', async () => {
    const file = join(scratch(), 'missing-dir', 'out.txt');
    await expect(writeOutput(file, 'text')).rejects.toThrow(InputError);
  });
});

describe('writeDirectory', () => {
  it('writes every file whole, or no directory when a file fails', async () => {
    const root = scratch();
    await writeDirectory(
      join(root, 'ok'),
      new Map<string, Iterable<string>>([
        ['a.txt', ['a', 'b']],
        [
          'b.txt',
          (function* () {
            yield 'c';
          })(),
        ],
      ]),
    );
    expect(readFileSync(join(root, 'ok', 'a.txt'), 'utf8')).toBe('ab');
    expect(readFileSync(join(root, 'ok', 'b.txt'), 'utf8')).toBe('c');
    function* failing(): Generator<string> {
      yield 'x';
      throw new Error('a renderer bug');
    }
    await expect(writeDirectory(join(root, 'bad'), new Map([['a.txt', failing()]]))).rejects.toThrow(
      'a renderer bug',
    );
    expect(readdirSync(root)).toEqual(['ok']);
  });
});
