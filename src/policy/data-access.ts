import type { ActionSet } from './action-set.js';
import type { Catalog } from './catalog.js';

/**
 * Reading or writing a resource's configuration (its policy, tags, encryption, logging …) is not
 * reading or writing its data; these name patterns pick the configuration actions out.
 */
const CONFIGURATION =
  /^(describe|list)|polic(y|ies)|acl$|tagging$|tags|configuration|location$|versioning$|encryption|logging|notification|website$|cors$|lifecycle|replication|publicaccessblock|ownershipcontrols|accelerate|requestpayment|analytics|inventory|metrics|intelligenttiering|attributes?$|retention|legalhold$|abac$|vendedlog/i;

/** One set of each kind per catalog: rules cache their work by the set they ask about. */
interface AccessSets {
  readonly read: ActionSet;
  readonly write: ActionSet;
  readonly modify: ActionSet;
}

const cache = new WeakMap<Catalog, AccessSets>();

function build(catalog: Catalog): AccessSets {
  let entry = cache.get(catalog);
  if (!entry) {
    entry = {
      read: catalog.select((a) => a.accessLevel === 'Read' && !CONFIGURATION.test(a.name)),
      write: catalog.select((a) => a.accessLevel === 'Write' && !CONFIGURATION.test(a.name)),
      modify: catalog.withAccessLevel('Write', 'Permissions management', 'Tagging'),
    };
    cache.set(catalog, entry);
  }
  return entry;
}

/** Read-level actions that return a resource's data (s3:GetObject, dynamodb:Query, secretsmanager:GetSecretValue …). */
export function dataReadActions(catalog: Catalog): ActionSet {
  return build(catalog).read;
}

/** Write-level actions that change or destroy a resource's data (s3:PutObject, s3:DeleteObject, dynamodb:PutItem …). */
export function dataWriteActions(catalog: Catalog): ActionSet {
  return build(catalog).write;
}

/** Every action that changes something: Write, Permissions management and Tagging. */
export function modifyingActions(catalog: Catalog): ActionSet {
  return build(catalog).modify;
}
