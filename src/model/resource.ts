import type { Policy } from './policy.js';
import type { Tags } from './principal.js';
import type { SourceLocation } from './source.js';

/** A cloud resource the inputs name (from a plan, HCL or an account snapshot). */
export interface Resource {
  readonly arn: string;
  /** False when the ARN was synthesised because it is unknown until apply. */
  readonly arnKnown: boolean;
  /** Terraform resource type (aws_db_instance) or, from a snapshot, the AWS type. */
  readonly type: string;
  /** Name or identifier as a human reads it (bucket name, DB identifier, function name). */
  readonly name: string;
  readonly address?: string;
  readonly accountId?: string;
  readonly region?: string;
  readonly tags: Tags;
  /**
   * ARNs of the roles whose credentials code on this resource runs with: a Lambda function's execution
   * role, the roles of an EC2 instance's or launch template's instance profile (and of the profile
   * itself), a Glue dev endpoint's or job's, SageMaker notebook's, CodeBuild project's, CloudFormation
   * stack's or Step Functions state machine's role, an ECS task definition's task and execution roles.
   * Whoever can change what runs there can act as these roles. Absent when there are none.
   */
  readonly runsAs?: readonly string[];
  readonly source: SourceLocation;
}

/** A resource-based policy (bucket policy, key policy, queue policy …) and the resource it guards. */
export interface ResourcePolicy {
  readonly resourceArn: string;
  readonly policy: Policy;
}
