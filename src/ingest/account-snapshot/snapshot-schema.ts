import { z } from 'zod';

/**
 * The JSON of `aws iam get-account-authorization-details` (or the same data collected through the
 * SDK): only the fields the model reads are checked; AWS adds fields over time and they are kept
 * out of the way. Policy documents are objects (the CLI decodes them) or URL-encoded JSON strings
 * (as the API returns them).
 */
const document = z.union([z.string(), z.record(z.string(), z.unknown())]);
const tags = z.array(z.object({ Key: z.string(), Value: z.string() })).default([]);
const inlinePolicies = z.array(z.object({ PolicyName: z.string(), PolicyDocument: document })).default([]);
const attached = z.array(z.object({ PolicyArn: z.string(), PolicyName: z.string().optional() })).default([]);
const boundary = z.object({ PermissionsBoundaryArn: z.string() }).optional();

const instanceProfile = z.object({
  InstanceProfileName: z.string(),
  Arn: z.string(),
  Path: z.string().default('/'),
  Tags: tags,
});

export const roleDetailSchema = z.object({
  RoleName: z.string(),
  Arn: z.string(),
  Path: z.string().default('/'),
  AssumeRolePolicyDocument: document.optional(),
  RolePolicyList: inlinePolicies,
  AttachedManagedPolicies: attached,
  PermissionsBoundary: boundary,
  InstanceProfileList: z.array(instanceProfile).default([]),
  Tags: tags,
});

export const userDetailSchema = z.object({
  UserName: z.string(),
  Arn: z.string(),
  Path: z.string().default('/'),
  UserPolicyList: inlinePolicies,
  AttachedManagedPolicies: attached,
  GroupList: z.array(z.string()).default([]),
  PermissionsBoundary: boundary,
  Tags: tags,
});

export const groupDetailSchema = z.object({
  GroupName: z.string(),
  Arn: z.string(),
  Path: z.string().default('/'),
  GroupPolicyList: inlinePolicies,
  AttachedManagedPolicies: attached,
});

export const managedPolicyDetailSchema = z.object({
  PolicyName: z.string(),
  Arn: z.string(),
  DefaultVersionId: z.string().optional(),
  PolicyVersionList: z
    .array(
      z.object({
        Document: document,
        VersionId: z.string(),
        IsDefaultVersion: z.boolean().default(false),
      }),
    )
    .default([]),
});

export const snapshotSchema = z.object(
  {
    UserDetailList: z.array(userDetailSchema).default([]),
    GroupDetailList: z.array(groupDetailSchema).default([]),
    RoleDetailList: z.array(roleDetailSchema).default([]),
    Policies: z.array(managedPolicyDetailSchema).default([]),
  },
  { error: () => 'expected the JSON object `aws iam get-account-authorization-details` prints' },
);

export type AccountSnapshotJson = z.infer<typeof snapshotSchema>;
export type RoleDetail = z.infer<typeof roleDetailSchema>;
export type UserDetail = z.infer<typeof userDetailSchema>;
export type GroupDetail = z.infer<typeof groupDetailSchema>;
export type ManagedPolicyDetail = z.infer<typeof managedPolicyDetailSchema>;
