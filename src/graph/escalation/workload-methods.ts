/**
 * Changing what an existing workload runs, or getting a shell on it, makes the caller act as the
 * workload's role (`Resource.runsAs`) without iam:PassRole. Keyed by Terraform resource type; each
 * alternative is a set of actions on the workload that together do it.
 */
export interface WorkloadMethod {
  readonly types: readonly string[];
  readonly alternatives: readonly (readonly string[])[];
}

export const WORKLOAD_METHODS: readonly WorkloadMethod[] = [
  {
    types: ['aws_lambda_function'],
    alternatives: [['lambda:UpdateFunctionCode'], ['lambda:UpdateFunctionConfiguration']],
  },
  {
    types: ['aws_instance'],
    alternatives: [
      ['ssm:SendCommand'],
      ['ssm:StartSession'],
      ['ec2-instance-connect:SendSSHPublicKey'],
      ['ec2:ModifyInstanceAttribute', 'ec2:StopInstances', 'ec2:StartInstances'],
    ],
  },
  { types: ['aws_glue_dev_endpoint'], alternatives: [['glue:UpdateDevEndpoint']] },
  { types: ['aws_glue_job'], alternatives: [['glue:UpdateJob', 'glue:StartJobRun']] },
  {
    types: ['aws_sagemaker_notebook_instance'],
    alternatives: [['sagemaker:CreatePresignedNotebookInstanceUrl']],
  },
  {
    types: ['aws_codebuild_project'],
    alternatives: [['codebuild:StartBuild'], ['codebuild:StartBuildBatch']],
  },
  {
    types: ['aws_cloudformation_stack'],
    alternatives: [
      ['cloudformation:UpdateStack'],
      ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'],
    ],
  },
  { types: ['aws_ecs_task_definition'], alternatives: [['ecs:RunTask'], ['ecs:StartTask']] },
  {
    types: ['aws_sfn_state_machine'],
    alternatives: [['states:UpdateStateMachine', 'states:StartExecution']],
  },
];
