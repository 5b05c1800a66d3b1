import { describe, expect, it } from 'vitest';
import { toChangeKind } from '../../../src/ingest/terraform-plan/changes.js';
import { buildPlanModel } from '../../../src/ingest/terraform-plan/to-model.js';
import { FILE, plan, resourceChange } from './plan-builder.js';

describe('toChangeKind', () => {
  it.each([
    { actions: ['create'], kind: 'create' },
    { actions: ['update'], kind: 'update' },
    { actions: ['delete'], kind: 'delete' },
    { actions: ['no-op'], kind: 'no-op' },
    { actions: ['read'], kind: 'read' },
    { actions: ['delete', 'create'], kind: 'replace-delete-first' },
    { actions: ['create', 'delete'], kind: 'replace-create-first' },
    { actions: ['forget'], kind: undefined },
  ])('$actions -> $kind', ({ actions, kind }) => {
    expect(toChangeKind(actions)).toBe(kind);
  });
});

describe('changes', () => {
  const db = {
    identifier: 'prod-db',
    deletion_protection: false,
    skip_final_snapshot: true,
    arn: 'arn:aws:rds:eu-west-1:111122223333:db:prod-db',
  };

  it('keeps both replacement orders, the reason, the replace paths and the protections', () => {
    // Given a DB replaced delete-first and a bucket replaced create-first
    const model = buildPlanModel(
      plan({
        changes: [
          resourceChange('aws_db_instance.main', ['delete', 'create'], {
            before: db,
            after: { identifier: 'prod-db', deletion_protection: false },
            afterUnknown: { arn: true },
            actionReason: 'replace_because_cannot_update',
            replacePaths: [['engine'], ['tags', 'env'], ['ingress', 0, 'cidr']],
          }),
          resourceChange('aws_s3_bucket.logs', ['create', 'delete'], {
            before: { bucket: 'logs', force_destroy: true, arn: 'arn:aws:s3:::logs' },
            after: { bucket: 'logs', force_destroy: false },
          }),
        ],
      }),
      FILE,
    );
    // Then
    const byAddress = new Map(model.changes.map((change) => [change.address, change]));
    expect(byAddress.get('aws_db_instance.main')).toMatchObject({
      address: 'aws_db_instance.main',
      kind: 'replace-delete-first',
      actionReason: 'replace_because_cannot_update',
      replacePaths: ['engine', 'tags.env', 'ingress.0.cidr'],
      protections: { deletionProtection: false, skipFinalSnapshot: true },
      before: { arn: db.arn, arnKnown: true, name: 'prod-db' },
      after: { arn: db.arn, arnKnown: false },
      source: { file: FILE, path: 'resource_changes[0]' },
    });
    expect(byAddress.get('aws_s3_bucket.logs')).toMatchObject({
      kind: 'replace-create-first',
      protections: { forceDestroy: true },
    });
  });

  it('has no after resource for a delete, and reports actions it does not know', () => {
    const model = buildPlanModel(
      plan({
        changes: [
          resourceChange('aws_sqs_queue.q', ['delete'], {
            before: { name: 'q', arn: 'arn:aws:sqs:eu-west-1:111122223333:q' },
          }),
          resourceChange('aws_sqs_queue.old', ['forget'], { before: { name: 'old' } }),
        ],
      }),
      FILE,
    );
    expect(model.changes).toHaveLength(1);
    expect(model.changes[0]?.kind).toBe('delete');
    expect(model.changes[0]?.after).toBeUndefined();
    expect(model.changes[0]?.before?.name).toBe('q');
    expect(model.after.resources.map((r) => r.address)).not.toContain('aws_sqs_queue.q');
    expect(model.diagnostics.map((d) => d.code)).toContain('plan.unknown-action');
  });
});
