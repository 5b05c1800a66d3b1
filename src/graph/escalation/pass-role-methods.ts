/**
 * Services that run code with a role passed to them, and the actions that create (and start) such
 * code: iam:PassRole on the role plus every action of one alternative lets the caller act as the
 * role. The catalogue follows the published IAM privilege-escalation research (Rhino Security Labs'
 * methods, Bishop Fox's iam-vulnerable paths); every action is checked against the catalog by
 * test/graph/escalation.test.ts.
 */
export interface PassRoleService {
  /** The service principal the role must trust. */
  readonly service: string;
  /** Each alternative is a set of actions that together run code as the passed role. */
  readonly alternatives: readonly (readonly string[])[];
  /** The role must be in an instance profile (EC2, Auto Scaling, EMR). */
  readonly needsInstanceProfile?: boolean;
}

export const PASS_ROLE_SERVICES: readonly PassRoleService[] = [
  {
    service: 'lambda.amazonaws.com',
    alternatives: [
      ['lambda:CreateFunction', 'lambda:InvokeFunction'],
      ['lambda:CreateFunction', 'lambda:CreateEventSourceMapping'],
      ['lambda:CreateFunction', 'lambda:AddPermission'],
      ['lambda:CreateFunction', 'lambda:CreateFunctionUrlConfig'],
      ['lambda:UpdateFunctionConfiguration', 'lambda:UpdateFunctionCode'],
    ],
  },
  {
    service: 'ec2.amazonaws.com',
    needsInstanceProfile: true,
    alternatives: [
      ['ec2:RunInstances'],
      ['ec2:AssociateIamInstanceProfile'],
      ['ec2:ReplaceIamInstanceProfileAssociation'],
      ['autoscaling:CreateLaunchConfiguration', 'autoscaling:CreateAutoScalingGroup'],
      ['ec2:CreateLaunchTemplate', 'autoscaling:CreateAutoScalingGroup'],
      ['elasticmapreduce:RunJobFlow'],
    ],
  },
  {
    service: 'cloudformation.amazonaws.com',
    alternatives: [
      ['cloudformation:CreateStack'],
      ['cloudformation:UpdateStack'],
      ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'],
      ['cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'],
    ],
  },
  {
    service: 'glue.amazonaws.com',
    alternatives: [
      ['glue:CreateDevEndpoint'],
      ['glue:CreateJob', 'glue:StartJobRun'],
      ['glue:CreateJob', 'glue:CreateTrigger'],
      ['glue:UpdateJob', 'glue:StartJobRun'],
      ['glue:CreateSession', 'glue:RunStatement'],
    ],
  },
  {
    service: 'sagemaker.amazonaws.com',
    alternatives: [
      ['sagemaker:CreateNotebookInstance', 'sagemaker:CreatePresignedNotebookInstanceUrl'],
      ['sagemaker:CreateTrainingJob'],
      ['sagemaker:CreateProcessingJob'],
      ['sagemaker:CreateHyperParameterTuningJob'],
    ],
  },
  {
    service: 'ecs-tasks.amazonaws.com',
    alternatives: [
      ['ecs:RegisterTaskDefinition', 'ecs:RunTask'],
      ['ecs:RegisterTaskDefinition', 'ecs:StartTask'],
      ['ecs:RegisterTaskDefinition', 'ecs:CreateService'],
      ['ecs:RegisterTaskDefinition', 'ecs:UpdateService'],
    ],
  },
  {
    service: 'codebuild.amazonaws.com',
    alternatives: [
      ['codebuild:CreateProject', 'codebuild:StartBuild'],
      ['codebuild:CreateProject', 'codebuild:StartBuildBatch'],
      ['codebuild:UpdateProject', 'codebuild:StartBuild'],
    ],
  },
  {
    service: 'datapipeline.amazonaws.com',
    alternatives: [
      ['datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition', 'datapipeline:ActivatePipeline'],
    ],
  },
  {
    service: 'states.amazonaws.com',
    alternatives: [['states:CreateStateMachine', 'states:StartExecution']],
  },
  {
    service: 'scheduler.amazonaws.com',
    alternatives: [['scheduler:CreateSchedule']],
  },
  {
    service: 'apprunner.amazonaws.com',
    alternatives: [['apprunner:CreateService']],
  },
  {
    service: 'tasks.apprunner.amazonaws.com',
    alternatives: [['apprunner:CreateService']],
  },
  {
    service: 'bedrock-agentcore.amazonaws.com',
    alternatives: [
      ['bedrock-agentcore:CreateCodeInterpreter', 'bedrock-agentcore:StartCodeInterpreterSession'],
    ],
  },
];
