import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { capabilitiesOf, capabilityActions } from '../../src/policy/capabilities.js';
import { dataReadActions, dataWriteActions, modifyingActions } from '../../src/policy/data-access.js';
import { testCatalog } from '../helpers/policy.js';

it('scratch', () => {
  const c = testCatalog();
  const out: Record<string, unknown> = {};
  const elb = c.expand('elasticloadbalancing:*');
  out.elbZones = capabilitiesOf(c, elb);
  for (const z of ['network-exposure', 'permissions-management', 'audit-tamper', 'data-export', 'iam-write'] as const)
    out[`elb-${z}`] = c.names(elb.intersect(capabilityActions(c, z)));
  const bucket = c.actionsOnArn('arn:aws:s3:::customer-exports');
  out.bucketDataRead = c.names(bucket.intersect(dataReadActions(c)));
  out.bucketRead = c.names(bucket.intersect(c.withAccessLevel('Read')));
  const obj = c.actionsOnArn('arn:aws:s3:::customer-exports/k');
  out.objDataRead = c.names(obj.intersect(dataReadActions(c)));
  out.objDataWrite = c.names(obj.intersect(dataWriteActions(c)));
  out.bucketDataWrite = c.names(bucket.intersect(dataWriteActions(c)));
  out.lambdaModify = c.names(c.expand('lambda:UpdateFunction*').intersect(modifyingActions(c)));
  out.snsZones = capabilitiesOf(c, c.expand('sns:Publish'));
  out.sgZones = capabilitiesOf(c, c.expand('ec2:AuthorizeSecurityGroupIngress'));
  out.dynamo = c.names(c.expand('dynamodb:*Item').intersect(modifyingActions(c)));
  out.rdsDelete = capabilitiesOf(c, c.expand('rds:DeleteDBInstance'));
  writeFileSync('/tmp/scratch/out.json', JSON.stringify(out, null, 1));
});
