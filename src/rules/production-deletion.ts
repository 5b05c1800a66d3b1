import type { Analysis } from '../graph/analysis.js';
import type { Change } from '../model/change.js';
import { isDestructive } from '../model/change.js';
import type { Tags } from '../model/principal.js';
import { capabilityActions } from '../policy/capabilities.js';
import type { Catalog } from '../policy/catalog.js';
import { agentAccessToResource } from './agent-access.js';
import type { AgentAccess } from './evidence.js';
import { buildEvidence } from './evidence.js';
import { isProductionEnvironment } from './production-access.js';
import { defineRule, type RuleFinding } from './types.js';

/** Resource types whose destruction loses data that a new resource does not bring back. */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set([
  'aws_backup_vault',
  'aws_cloudwatch_log_group',
  'aws_db_instance',
  'aws_docdb_cluster',
  'aws_dynamodb_table',
  'aws_ebs_volume',
  'aws_ecr_repository',
  'aws_efs_file_system',
  'aws_elasticache_cluster',
  'aws_elasticache_replication_group',
  'aws_elasticsearch_domain',
  'aws_fsx_lustre_file_system',
  'aws_fsx_ontap_file_system',
  'aws_fsx_windows_file_system',
  'aws_glacier_vault',
  'aws_keyspaces_table',
  'aws_kinesis_stream',
  'aws_kms_key',
  'aws_memorydb_cluster',
  'aws_neptune_cluster',
  'aws_opensearch_domain',
  'aws_rds_cluster',
  'aws_redshift_cluster',
  'aws_s3_bucket',
  'aws_s3_object',
  'aws_secretsmanager_secret',
  'aws_sqs_queue',
  'aws_ssm_parameter',
  'aws_timestreamwrite_table',
  'aws_workspaces_workspace',
]);

const VERB: Record<string, string> = {
  delete: 'deletes',
  'replace-delete-first': 'replaces (destroying it before creating the new one)',
  'replace-create-first': 'replaces (creating the new one, then destroying it)',
};

export default defineRule({
  id: 'production-deletion',
  title: 'Plan destroys production',
  defaultSeverity: 'high',
  description:
    'The plan deletes or replaces a production resource; stateful resources (databases, buckets, volumes …) are critical. ' +
    'The finding names the agents that could also delete the resource outside Terraform.',
  help:
    'Check why Terraform replaces the resource (the attributes in replace_paths) and change the configuration so it ' +
    'updates in place, or move the state; protect stateful production resources with deletion_protection and ' +
    'lifecycle { prevent_destroy = true }, and keep final snapshots (skip_final_snapshot = false).',
  check({ catalog, plan, before, after }) {
    if (!plan) return [];
    const world = before ?? after;
    const findings: RuleFinding[] = [];
    for (const change of plan.changes) {
      if (!isDestructive(change.kind) || !change.before) continue;
      const environments = world.environments.classesOf(change.before).filter(isProductionEnvironment);
      if (environments.length === 0) continue;
      findings.push(productionDeletion(catalog, world, change));
    }
    return findings;
  },
});

function productionDeletion(catalog: Catalog, world: Analysis, change: Change): RuleFinding {
  const resource = change.before ?? change.after;
  const arn = resource?.arn ?? change.address;
  const stateful = STATEFUL_TYPES.has(change.type);
  const deleters = agentsThatCanDelete(catalog, world, arn, resource?.tags ?? {});
  const nearest = deleters[0]?.accesses[0];
  const actions = deleters.reduce(
    (set, d) => d.accesses.reduce((s, a) => s.union(a.access.actions), set),
    catalog.none,
  );
  const notes = protectionNotes(change);
  const name = resource?.name ? ` (${resource.name})` : '';
  return {
    ...(stateful ? { severity: 'critical' as const } : {}),
    resource: arn,
    address: change.address,
    title: `Plan ${change.kind === 'delete' ? 'deletes' : 'replaces'} production ${change.address}`,
    message:
      `The plan ${VERB[change.kind] ?? change.kind} production ${change.type} ${change.address}${name}` +
      `${stateful ? '; it is stateful, so its data is lost' : ''}.` +
      `${notes.length > 0 ? ` ${notes.join(' ')}` : ''}` +
      `${deleters.length > 0 ? ` Agents that could also delete it outside Terraform: ${deleters.map((d) => d.agent).join(', ')}.` : ''}`,
    evidence: {
      ...buildEvidence({
        catalog,
        actions,
        resources: [arn],
        capabilities: stateful ? ['data-delete', 'delete', 'production'] : ['delete', 'production'],
        path: nearest?.via.path ?? [],
        grants: deleters.flatMap((d) => d.accesses.flatMap((a) => a.access.grants)),
        conditionalPath: false,
      }),
      agents: deleters.map((d) => d.agent),
      change: {
        kind: change.kind,
        type: change.type,
        ...(change.actionReason === undefined ? {} : { actionReason: change.actionReason }),
        replacePaths: change.replacePaths,
        protections: change.protections,
      },
    },
    location: change.source,
    key: [change.kind],
  };
}

function agentsThatCanDelete(
  catalog: Catalog,
  world: Analysis,
  arn: string,
  resourceTags: Tags,
): { agent: string; accesses: AgentAccess[] }[] {
  const deleting = capabilityActions(catalog, 'delete');
  return world.agents
    .map((agent) => ({
      agent: agent.agent.name,
      // within the deleting actions: only the principals and grants that can delete are looked at
      accesses: agentAccessToResource(catalog, agent, arn, resourceTags, deleting),
    }))
    .filter((d) => d.accesses.length > 0)
    .sort((a, b) => (a.agent < b.agent ? -1 : 1));
}

function protectionNotes(change: Change): string[] {
  const p = change.protections;
  const notes: string[] = [];
  if (p.deletionProtection === false) notes.push('deletion_protection is off.');
  if (p.deletionProtection === true)
    notes.push('deletion_protection is on: the apply will fail until it is turned off.');
  if (p.skipFinalSnapshot === true)
    notes.push('skip_final_snapshot is true: no final snapshot will be taken.');
  if (p.forceDestroy === true) notes.push('force_destroy is true: its contents are deleted with it.');
  if (p.preventDestroy === true)
    notes.push('lifecycle.prevent_destroy is set: Terraform will refuse this plan.');
  return notes;
}
