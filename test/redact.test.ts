import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  isSecretKeyShaped,
  REDACTED,
  redactSecretKeys,
  redactSecretKeysIn,
  redactSecretKeysInChunks,
} from '../src/redact.js';

/** AWS's documented example secret key, and two random ones (one with `+`, one with `/` inside). */
const AWS_EXAMPLE = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const KEY = 'NfhY+f8DxeiUyN7d5a/lf/t4Bh2DgGxlWluswrbZ';
const PATH_KEY = 'ioMwFBQGP8Kcz330uUTB/AGUFmj6/NQE/ulXpvnF';

describe('redactSecretKeys: what is redacted', () => {
  it.each([
    { name: 'a bare key', text: KEY, expected: REDACTED },
    { name: "AWS's example key", text: AWS_EXAMPLE, expected: REDACTED },
    {
      name: 'an environment assignment',
      text: `AWS_SECRET_ACCESS_KEY=${KEY}`,
      expected: `AWS_SECRET_ACCESS_KEY=${REDACTED}`,
    },
    { name: 'a JSON string value', text: `{"token":"${KEY}"}`, expected: `{"token":"${REDACTED}"}` },
    {
      name: 'a tag in a sentence',
      text: `tag deploy-token = ${KEY}.`,
      expected: `tag deploy-token = ${REDACTED}.`,
    },
    {
      name: 'a secret name in an ARN',
      text: `arn:aws:secretsmanager:us-east-1:111111111111:secret:ci/${KEY}-AbCdEf`,
      expected: `arn:aws:secretsmanager:us-east-1:111111111111:secret:ci/${REDACTED}-AbCdEf`,
    },
    {
      // `user/ci/ioMw…NQE` is a candidate too, ending inside the key: both go, so no part is left
      name: 'a path segment of a user ARN',
      text: `arn:aws:iam::111111111111:user/ci/${PATH_KEY}/ci-bot`,
      expected: `arn:aws:iam::111111111111:${REDACTED}/ci-bot`,
    },
    { name: 'two keys', text: `${KEY} ${AWS_EXAMPLE}`, expected: `${REDACTED} ${REDACTED}` },
  ])('$name', ({ text, expected }) => {
    expect(redactSecretKeys(text)).toBe(expected);
  });
});

describe('redactSecretKeys: what is kept', () => {
  it.each([
    { name: 'an access key id', text: 'AKIAQCANARYKEYID7XYZ and ASIAQCANARYKEYID7XYZ' },
    { name: 'a SHA-1 (lower-case hex)', text: 'commit 9e9b9ce4f1c0a8d2b7e3f5a6c9d0e1f2a3b4c5d6' },
    { name: 'a SHA-1 (upper-case hex)', text: '9E9B9CE4F1C0A8D2B7E3F5A6C9D0E1F2A3B4C5D6' },
    { name: 'a finding id', text: 'id 7ee72c13e481261a' },
    { name: 'a managed policy ARN', text: 'arn:aws:iam::aws:policy/AmazonDevOpsGuruConsoleFullAccess' },
    { name: 'an action', text: 'inspector2:BatchUpdateMemberEc2DeepInspectionStatus' },
    { name: 'a condition key', text: 'aws:RequestTag/QuickSetupDocumentVersionName' },
    {
      name: 'a role ARN with a path',
      text: 'arn:aws:iam::111111111111:role/AmazonEC2ContainerServiceforEC2Role',
    },
    { name: 'base64 of 40 characters and padding', text: `"${KEY.slice(0, 39)}A="` },
    { name: 'base64 longer than a key', text: `"${KEY}${KEY}"` },
    { name: 'a key inside a longer word', text: `x${KEY}` },
    { name: 'the redaction mark itself', text: REDACTED },
  ])('$name', ({ text }) => {
    expect(redactSecretKeys(text)).toBe(text);
  });

  it('tells keys by mixed classes and randomness, not length alone', () => {
    expect(isSecretKeyShaped(KEY)).toBe(true);
    expect(isSecretKeyShaped(KEY.toLowerCase())).toBe(false);
    expect(isSecretKeyShaped('policy/AmazonS3FilesClientReadOnlyAccess')).toBe(false);
    expect(isSecretKeyShaped(KEY.slice(1))).toBe(false);
  });
});

describe('redactSecretKeysIn', () => {
  it('redacts values and keys at any depth, and returns what holds no key unchanged', () => {
    const clean = { tags: [{ Key: 'agent', Value: 'ci-agent' }] };
    const value = { clean, deep: [{ Value: KEY }], [KEY]: 1 };
    expect(redactSecretKeysIn(value)).toEqual({ clean, deep: [{ Value: REDACTED }], [REDACTED]: 1 });
    expect((redactSecretKeysIn(value) as typeof value).clean).toBe(clean);
    expect(redactSecretKeysIn(clean)).toBe(clean);
  });
});

describe('redactSecretKeysInChunks', () => {
  const text = `{"a":"${KEY}","b":"arn:aws:iam::111111111111:user/ci/${PATH_KEY}/ci-bot","c":"${AWS_EXAMPLE}=","d":"${'x'.repeat(90)}"}`;

  it('finds a key split between chunks', () => {
    const at = text.indexOf(KEY) + 17;
    const chunks = [...redactSecretKeysInChunks([text.slice(0, at), text.slice(at)])];
    expect(chunks.join('')).toBe(redactSecretKeys(text));
    expect(chunks.join('')).not.toContain(KEY.slice(0, 17));
  });

  test.prop([fc.array(fc.nat({ max: text.length }), { maxLength: 12 })], { seed: 20261207 })(
    'gives the text redacted as a whole, however it is cut',
    (cuts) => {
      const points = [...new Set([0, ...cuts, text.length])].sort((a, b) => a - b);
      const chunks = points.slice(1).map((end, i) => text.slice(points[i], end));
      expect([...redactSecretKeysInChunks(chunks)].join('')).toBe(redactSecretKeys(text));
    },
  );

  test.prop(
    [
      fc.array(fc.constantFrom('a', 'B', '7', '/', '+', '=', ' ', ':', KEY, PATH_KEY), { maxLength: 30 }),
      fc.nat({ max: 60 }),
    ],
    {
      seed: 20261207,
    },
  )('agrees with the whole-text redaction on texts dense with candidates', (parts, size) => {
    const whole = parts.join('');
    const chunks: string[] = [];
    for (let i = 0; i < whole.length; i += size + 1) chunks.push(whole.slice(i, i + size + 1));
    expect([...redactSecretKeysInChunks(chunks)].join('')).toBe(redactSecretKeys(whole));
  });

  test.prop(
    [
      fc.array(
        fc.constantFrom(
          'long-clean',
          'long-dirty',
          'long-open',
          KEY.slice(0, 20),
          KEY.slice(20),
          '=',
          '"',
          'x',
        ),
        { maxLength: 12 },
      ),
    ],
    {
      seed: 20261207,
      numRuns: 300,
      // a key split between a long chunk and the next, then long chunks seen before
      examples: [[['long-open', 'long-close', 'long-clean', 'long-clean', 'long-dirty', 'long-dirty']]],
    },
  )(
    'agrees with the whole-text redaction when long chunks repeat (each is scanned once, then known)',
    (names) => {
      // Given long chunks written again and again, between pieces that may end in a key's first half or begin with its rest
      const filler = '"ec2:DescribeInstances",\n'.repeat(200);
      const long: Record<string, string> = {
        'long-clean': `[\n${filler}]`,
        'long-dirty': `[\n${filler}"${KEY}"]`,
        'long-open': `[\n${filler}${KEY.slice(0, 12)}`,
        'long-close': `${KEY.slice(12)}",\n${filler}]`,
      };
      const chunks = names.map((name) => long[name] ?? name);
      // When streamed, Then the text is the whole text redacted, and no key survives
      const streamed = [...redactSecretKeysInChunks(chunks)].join('');
      expect(streamed).toBe(redactSecretKeys(chunks.join('')));
    },
  );
});
