// The deliberately vulnerable IAM setups of ../shared/corpus that run.sh plans, and the privilege
// escalation paths each contains: who starts it (`starts`, principals as `user/NAME` or `role/NAME`,
// each declared as an agent of its own), which actions a finding must name to count as that path
// (`via`), and whether the setup means it to escalate (`expect: 'escalation'`) or is a trap for
// false positives (`expect: 'none'`). `inert` lists principals that carry the path's policy but
// cannot use it, with the reason (they must not be reported); `note` adds what a reader of the
// result needs; `why` explains a result that differs from the expectation (evaluate.cjs flags every
// difference that has none). A path with no IAM start (a web site, an address) has `starts: []`.
'use strict';

/** An iam-vulnerable path: its user and its role carry the same policy. */
const pair = (path, principal, via, extra = {}) => ({
  path,
  starts: [`user/${principal}-user`, `role/${principal}-role`],
  via,
  expect: 'escalation',
  ...extra,
});

/** A path only one of the pair can take; the other is inert for the reason given. */
const onlyBy = (kind, path, principal, via, why) => {
  const other = kind === 'user' ? 'role' : 'user';
  return {
    ...pair(path, principal, via),
    starts: [`${kind}/${principal}-${kind}`],
    inert: { principals: [`${other}/${principal}-${other}`], why },
  };
};
const NOT_A_USER = 'a role is not a user and has no group: it cannot take the policy it may write';
const CANNOT_ASSUME =
  'the user may rewrite roles but can assume none (each role trusts only the Terraform caller), so the rewrite gains it nothing';

const iamVulnerable = {
  name: 'iam-vulnerable',
  source: 'BishopFox__iam-vulnerable',
  uncommentModules: true,
  paths: [
    pair('privesc1-CreateNewPolicyVersion', 'privesc1-CreateNewPolicyVersion', ['iam:CreatePolicyVersion']),
    pair('privesc2-SetExistingDefaultPolicyVersion', 'privesc2-SetExistingDefaultPolicyVersion', [
      'iam:SetDefaultPolicyVersion',
    ]),
    pair('privesc3-CreateEC2WithExistingInstanceProfile', 'privesc3-CreateEC2WithExistingInstanceProfile', [
      'iam:PassRole',
      'ec2:RunInstances',
    ]),
    pair('privesc4-CreateAccessKey', 'privesc4-CreateAccessKey', ['iam:CreateAccessKey']),
    pair('privesc5-CreateLoginProfile', 'privesc5-CreateLoginProfile', ['iam:CreateLoginProfile']),
    pair('privesc6-UpdateLoginProfile', 'privesc6-UpdateLoginProfile', ['iam:UpdateLoginProfile']),
    onlyBy(
      'user',
      'privesc7-AttachUserPolicy',
      'privesc7-AttachUserPolicy',
      ['iam:AttachUserPolicy'],
      NOT_A_USER,
    ),
    onlyBy(
      'user',
      'privesc8-AttachGroupPolicy',
      'privesc8-AttachGroupPolicy',
      ['iam:AttachGroupPolicy'],
      NOT_A_USER,
    ),
    onlyBy(
      'role',
      'privesc9-AttachRolePolicy',
      'privesc9-AttachRolePolicy',
      ['iam:AttachRolePolicy'],
      CANNOT_ASSUME,
    ),
    onlyBy('user', 'privesc10-PutUserPolicy', 'privesc10-PutUserPolicy', ['iam:PutUserPolicy'], NOT_A_USER),
    onlyBy(
      'user',
      'privesc11-PutGroupPolicy',
      'privesc11-PutGroupPolicy',
      ['iam:PutGroupPolicy'],
      NOT_A_USER,
    ),
    onlyBy(
      'role',
      'privesc12-PutRolePolicy',
      'privesc12-PutRolePolicy',
      ['iam:PutRolePolicy'],
      CANNOT_ASSUME,
    ),
    onlyBy(
      'user',
      'privesc13-AddUserToGroup',
      'privesc13-AddUserToGroup',
      ['iam:AddUserToGroup'],
      NOT_A_USER,
    ),
    pair('privesc14-UpdatingAssumeRolePolicy', 'privesc14-UpdatingAssumeRolePolicy', [
      'iam:UpdateAssumeRolePolicy',
    ]),
    pair(
      'privesc15-PassExistingRoleToNewLambdaThenInvoke',
      'privesc15-PassExistingRoleToNewLambdaThenInvoke',
      ['iam:PassRole', 'lambda:CreateFunction'],
    ),
    pair(
      'privesc16-PassRoleToNewLambdaThenTriggerWithNewDynamo',
      'privesc16-PassRoleToNewLambdaThenTriggerWithNewDynamo',
      ['iam:PassRole', 'lambda:CreateFunction'],
    ),
    pair('privesc17-EditExistingLambdaFunctionWithRole', 'privesc17-EditExistingLambdaFunctionWithRole', [
      'lambda:UpdateFunctionCode',
    ]),
    pair('privesc18-PassExistingRoleToNewGlueDevEndpoint', 'privesc18-PassExistingRoleToNewGlueDevEndpoint', [
      'iam:PassRole',
      'glue:CreateDevEndpoint',
    ]),
    pair('privesc19-UpdateExistingGlueDevEndpoint', 'privesc19-UpdateExistingGlueDevEndpoint', [
      'glue:UpdateDevEndpoint',
    ]),
    pair('privesc20-PassExistingRoleToCloudFormation', 'privesc20-PassExistingRoleToCloudFormation', [
      'iam:PassRole',
      'cloudformation:CreateStack',
    ]),
    pair('privesc21-PassExistingRoleToNewDataPipeline', 'privesc21-PassExistingRoleToNewDataPipeline', [
      'iam:PassRole',
      'datapipeline:CreatePipeline',
    ]),
    {
      path: 'privesc-AssumeRole (starting -> intermediate -> ending role)',
      starts: ['role/privesc-AssumeRole-starting-role'],
      via: ['sts:AssumeRole'],
      expect: 'escalation',
    },
    pair('privesc-CloudFormationUpdateStack', 'privesc-CloudFormationUpdateStack', [
      'cloudformation:UpdateStack',
    ]),
    pair('privesc-codeBuildCreateProjectPassRole', 'privesc-codeBuildCreateProjectPassRole', [
      'iam:PassRole',
      'codebuild:CreateProject',
    ]),
    pair('privesc-ec2InstanceConnect', 'privesc-ec2InstanceConnect', [
      'ec2-instance-connect:SendSSHPublicKey',
    ]),
    pair('privesc-sageMakerCreateNotebookPassRole', 'privesc-sageMakerCreateNotebookPassRole', [
      'iam:PassRole',
      'sagemaker:CreateNotebookInstance',
    ]),
    pair('privesc-sageMakerCreatePresignedNotebookURL', 'privesc-sageMakerCreatePresignedNotebookURL', [
      'sagemaker:CreatePresignedNotebookInstanceUrl',
    ]),
    pair('privesc-sageMakerCreateProcessingJob', 'privesc-sageMakerCreateProcessingJobPassRole', [
      'iam:PassRole',
      'sagemaker:CreateProcessingJob',
    ]),
    pair('privesc-sageMakerCreateTrainingJob', 'privesc-sageMakerCreateTrainingJobPassRole', [
      'iam:PassRole',
      'sagemaker:CreateTrainingJob',
    ]),
    pair('privesc-ssmSendCommand', 'privesc-ssmSendCommand', ['ssm:SendCommand']),
    pair('privesc-ssmStartSession', 'privesc-ssmStartSession', ['ssm:StartSession']),
    pair(
      'fn1-privesc3-multiple-policies (RunInstances and PassRole in two policies)',
      'fn1-privesc3-partial',
      ['iam:PassRole', 'ec2:RunInstances'],
    ),
    pair(
      'fn2-ExploitableResourceConstraint (CreatePolicyVersion on policy/fn2-*)',
      'fn2-exploitableResourceConstraint',
      ['iam:CreatePolicyVersion'],
    ),
    pair(
      'fn3-ExploitableConditionConstraint (CreatePolicyVersion if TokenIssueTime > 2020)',
      'fn3-exploitableConditionConstraint',
      ['iam:CreatePolicyVersion'],
    ),
    pair(
      'fn4-ExploitableNotAction (NotAction iam:Update*, Create*, Attach*)',
      'fn4-exploitableNotAction',
      [],
    ),
    pair('fp1-allow-and-deny-same-policy (iam:* allowed and denied)', 'fp1-allow-and-deny', [], {
      expect: 'none',
    }),
    pair(
      'fp2-allow-and-deny-multiple-policies (* allowed, * denied)',
      'fp2-allow-and-deny-multiple-policies',
      [],
      {
        expect: 'none',
      },
    ),
    pair('fp3-deny (only a Deny of iam:*)', 'fp3-deny-iam', [], { expect: 'none' }),
    pair(
      'fp4-NonExploitableResourceConstraint (CreatePolicyVersion on arn:aws:iam::aws:policy/fp4-*)',
      'fp4-nonExploitableResourceConstraint',
      [],
      { expect: 'none' },
    ),
    pair(
      'fp5-NonExploitableConditionConstraint (CreatePolicyVersion if TokenIssueTime < 2020)',
      'fp5-nonExploitableConditionConstraint',
      [],
      {
        expect: 'none',
        why:
          'reported as conditional: aws:TokenIssueTime is not compared with the clock (a report must not depend on the day it runs), ' +
          'so a condition no session can meet today still counts as a possible path',
      },
    ),
  ],
};

const CLOUDGOAT = 'RhinoSecurityLabs__cloudgoat/cloudgoat/scenarios/aws';
/**
 * A CloudGoat scenario, with the variables CloudGoat passes: cgid (6-20 lowercase letters and digits)
 * and cg_whitelist (a list of CIDRs; some scenarios default it to a file name or an invalid CIDR).
 */
const cloudgoat = (scenario, paths) => ({
  name: `cloudgoat/${scenario}`,
  source: `${CLOUDGOAT}/${scenario}/terraform`,
  vars: { cgid: 'cgcorpus1', cg_whitelist: ['203.0.113.10/32'] },
  paths,
});

const esc = (path, starts, via, extra = {}) => ({ path, starts, via, expect: 'escalation', ...extra });
const none = (path, starts, extra = {}) => ({ path, starts, via: [], expect: 'none', ...extra });

const cloudgoatScenarios = [
  cloudgoat('agentcore_identity_confusion', [
    esc(
      'sandy: pass the agent-runtime role to a new AgentCore code interpreter and start a session (bedrock:Retrieve on the knowledge base)',
      ['user/sandy_cgcorpus1'],
      [
        'iam:PassRole',
        'bedrock-agentcore:CreateCodeInterpreter',
        'bedrock-agentcore:StartCodeInterpreterSession',
      ],
    ),
  ]),
  cloudgoat('beanstalk_secrets', [
    esc(
      'low_priv_user: secondary_user keys in the Beanstalk environment settings',
      ['user/cgcorpus1_low_priv_user'],
      [],
      {
        why: 'not IAM data: the keys are environment values of the Beanstalk environment',
      },
    ),
    esc(
      'secondary_user: iam:CreateAccessKey on the admin user',
      ['user/cgcorpus1_secondary_user'],
      ['iam:CreateAccessKey'],
    ),
  ]),
  cloudgoat('bedrock_agent_hijacking', [
    esc(
      'grace: lambda:UpdateFunctionCode on the agent action-group function (runs as a ReadOnlyAccess role), triggered through the agent',
      ['user/grace_cgcorpus1'],
      ['lambda:UpdateFunctionCode'],
    ),
  ]),
  cloudgoat('cloud_breach_s3', [
    esc('SSRF through the nginx proxy to instance metadata -> cg-banking-WAF-Role', [], [], {
      why: 'no IAM start: the attacker holds only the instance address; SSRF to instance metadata is not IAM data',
    }),
  ]),
  cloudgoat('codebuild_secrets', [
    esc(
      'solo: calrissian keys in CodeBuild environment variables, or an SSH key in SSM -> EC2 -> instance role',
      ['user/solo'],
      [],
      {
        why: 'not IAM data: credentials in build environment variables and an SSM parameter, then SSH and instance metadata',
      },
    ),
  ]),
  cloudgoat('data_secrets', [
    esc(
      'start user: SSH password in user data -> instance role -> keys in Lambda environment -> secret',
      ['user/cg-start-user-cgcorpus1'],
      [],
      {
        why: 'not IAM data: every hop is a secret in user data or environment variables',
      },
    ),
  ]),
  cloudgoat('detection_evasion', [
    esc(
      'r_waterhouse (group cg-developers): ssm:SendCommand or StartSession on the easy-path instance -> its role',
      ['user/r_waterhouse'],
      ['ssm:SendCommand'],
    ),
  ]),
  cloudgoat('ec2_ssrf', [
    esc('solus: wrex keys in Lambda environment variables', ['user/solus-cgcorpus1'], [], {
      why: 'not IAM data: credentials in environment variables',
    }),
    esc(
      'wrex: ec2:* lets it stop the web instance, rewrite its user data and start it -> cg-ec2-role (the intended route is SSRF)',
      ['user/wrex-cgcorpus1'],
      ['ec2:ModifyInstanceAttribute'],
    ),
  ]),
  cloudgoat('ecs_efs_attack', [
    esc(
      'ruse instance role: pass cg-ecs-role to a backdoored task definition and update the service',
      ['role/cg-ec2-role-cgcorpus1'],
      ['iam:PassRole', 'ecs:RegisterTaskDefinition'],
    ),
    esc(
      'cg-ecs-role: ssm:StartSession on the admin instance, allowed where its tag StartSession is true -> cg-efs-admin-role',
      ['role/cg-ecs-role-cgcorpus1'],
      ['ssm:StartSession'],
      {
        note: 'as deployed the instance is tagged StartSession=false and the ruse role re-tags it (ec2:CreateTags); escalation edges keep resource-tag conditions open, since tags can change, so the hop is conditional',
      },
    ),
  ]),
  cloudgoat('ecs_privesc_evade_protection', [
    esc(
      'web-developer instance role: pass cg-s3-critical to a new task definition and run it',
      ['role/cg-web-developer-cgcorpus1', 'role/cg-web-developer-sub-cgcorpus1'],
      ['iam:PassRole', 'ecs:RegisterTaskDefinition'],
    ),
  ]),
  cloudgoat('ecs_takeover', [
    esc('command injection -> docker socket -> container roles -> drain the vault host', [], [], {
      why: 'no IAM start: the attacker holds only the web site; RCE and a container escape are not IAM data',
    }),
  ]),
  cloudgoat('federated_console_takeover', [
    esc(
      'initial user: ssm:StartSession on the instance -> cg-ec2-admin-role',
      ['user/cg-initial-user-cgcorpus1'],
      ['ssm:StartSession'],
    ),
  ]),
  cloudgoat('glue_privesc', [
    esc('SQL injection in the web app -> glue-admin keys stored in the database', [], [], {
      why: 'no IAM start: the attacker holds only the web site; credentials in a database are not IAM data',
    }),
    esc(
      'glue-admin: pass ssm_parameter_role to a new Glue job and start it',
      ['user/cg-glue-admin-cgcorpus1'],
      ['iam:PassRole', 'glue:CreateJob'],
    ),
  ]),
  cloudgoat('iam_enum_basics', [
    none('bob can assume cg-flag4-role, which only grants iam:ListUsers that bob already has', [
      'user/cg-bob-cgcorpus1',
    ]),
  ]),
  cloudgoat('iam_privesc_by_attachment', [
    esc(
      'kerrigan: swap cg-ec2-mighty-role into the meek instance profile and run an instance with it',
      ['user/kerrigan'],
      ['iam:PassRole', 'ec2:RunInstances'],
    ),
    none('cg-ec2-meek-role: its only policy denies everything', ['role/cg-ec2-meek-role-cgcorpus1']),
  ]),
  cloudgoat('iam_privesc_by_ec2', [
    esc('cg_dev_user: assume cg_ec2_management_role', ['user/cg_dev_user_cgcorpus1'], ['sts:AssumeRole']),
    esc(
      'cg_ec2_management_role: rewrite the admin instance user data (stop, modify, start) -> cg_ec2_role, once its Name tag is deleted',
      ['role/cg_ec2_management_role_cgcorpus1'],
      ['ec2:ModifyInstanceAttribute'],
      {
        note: 'the management policy excludes the instance by its Name tag (StringNotEquals aws:ResourceTag/Name), which the dev user deletes (ec2:DeleteTags); escalation edges keep resource-tag conditions open, since tags can change, so the hop is conditional',
      },
    ),
  ]),
  cloudgoat('iam_privesc_by_key_rotation', [
    esc('admin: assume cg_secretsmanager with MFA', ['user/admin_cgcorpus1'], ['sts:AssumeRole']),
    esc(
      'manager: tag the admin user developer=true, then rotate its access keys',
      ['user/manager_cgcorpus1'],
      ['iam:CreateAccessKey'],
    ),
    none('developer: secretsmanager:ListSecrets only', ['user/developer_cgcorpus1']),
  ]),
  cloudgoat('iam_privesc_by_rollback', [
    esc(
      'raynor: SetDefaultPolicyVersion of its own policy to the admin version v3',
      ['user/raynor-cgcorpus1'],
      ['iam:SetDefaultPolicyVersion'],
    ),
  ]),
  cloudgoat('lambda_privesc', [
    esc(
      'chris: assume cg-lambdaManager-role, pass cg-debug-role (AdministratorAccess) to a new function and invoke it',
      ['user/chris-cgcorpus1'],
      ['sts:AssumeRole', 'iam:PassRole', 'lambda:CreateFunction'],
    ),
  ]),
  cloudgoat('rce_web_app', [
    esc('lara: a secret URL in load-balancer logs -> web RCE -> instance role', ['user/lara'], [], {
      why: 'not IAM data: a URL in a log object, remote code execution, instance metadata',
    }),
    esc('McDuck: an SSH key in the keystore bucket -> instance role', ['user/McDuck'], [], {
      why: 'not IAM data: a private key in an S3 object, SSH and instance metadata',
    }),
    none('cg-ec2-role: S3 full access and describes', ['role/cg-ec2-role-cgcorpus1']),
  ]),
  cloudgoat('rds_snapshot', [
    esc(
      'instance role: David keys in an S3 object -> restore and reset an RDS snapshot',
      ['role/cg-ec2-admin-role'],
      [],
      {
        why: 'not IAM data: access keys in an S3 object, then RDS data-plane steps',
      },
    ),
    none('cg-rds-instance-user (David): RDS and IAM read', ['user/cg-rds-instance-user-cgcorpus1']),
  ]),
  cloudgoat('s3_version_rollback_via_cfn', [
    esc(
      'web_manager: CreateStack with CloudFormationRole',
      ['user/web_manager-cgcorpus1'],
      ['iam:PassRole', 'cloudformation:CreateStack'],
    ),
    none('LambdaPutObjectRole: s3:PutObject only', ['role/LambdaPutObjectRole-cgcorpus1']),
  ]),
  cloudgoat('secrets_in_the_cloud', [
    esc(
      'low-priv-user: URLs and keys in S3, Lambda environment, Vault, instance metadata and DynamoDB',
      ['user/low-priv-user-cgcorpus1'],
      [],
      {
        why: 'not IAM data: every hop is a secret stored in data',
      },
    ),
    none('lambda_execution_role can assume secrets-manager-role, which has no policy', [
      'role/lambda_execution_role-cgcorpus1',
    ]),
  ]),
  cloudgoat('sns_secrets', [
    none('cg-sns-user: subscribes to a topic that leaks an API key (no new principal)', [
      'user/cg-sns-user-cgcorpus1',
    ]),
  ]),
  cloudgoat('sqs_flag_shop', [
    esc('cg-sqs-user: assume cg-sqs-send-message', ['user/cg-sqs-user-cgcorpus1'], ['sts:AssumeRole']),
    none('cg-web-sqs-manager: sqs:* only', ['user/cg-web-sqs-manager-cgcorpus1']),
  ]),
  cloudgoat('vpc_peering_overexposed', [
    esc(
      'cguser: an SSH key and instance metadata -> dev-ec2-role -> StartSession to prod',
      ['user/cguser-cgcorpus1'],
      [],
      {
        why: 'not IAM data: a local SSH key and instance metadata',
      },
    ),
    none('dev-ec2-role: StartSession to prod-ec2 reaches a role with a subset of its permissions', [
      'role/dev-ec2-role-cgcorpus1',
    ]),
    esc(
      'prod-ec2-role: ssm:StartSession on dev-ec2 -> dev-ec2-role (off the intended path)',
      ['role/prod-ec2-role-cgcorpus1'],
      ['ssm:StartSession'],
    ),
  ]),
  cloudgoat('vulnerable_cognito', [
    esc('Cognito self-signup with a tampered custom:access attribute -> identity pool credentials', [], [], {
      why: 'no IAM start: the attacker holds only the API URL; sign-up and attribute tampering are not IAM data',
    }),
    esc(
      'cognito_authenticated: lambda:UpdateFunctionCode on CognitoCTF -> iam_for_lambda (cognito-idp:*) (off the intended path)',
      ['role/cognito_authenticated-cgcorpus1'],
      ['lambda:UpdateFunctionCode'],
    ),
  ]),
  cloudgoat('vulnerable_lambda', [
    esc('bilbo: assume cg-lambda-invoker', ['user/cg-bilbo-cgcorpus1'], ['sts:AssumeRole']),
    esc(
      'cg-lambda-invoker: SQL-inject policy_applier_lambda1 so that it attaches AdministratorAccess to bilbo',
      ['role/cg-lambda-invoker-cgcorpus1'],
      ['lambda:InvokeFunction'],
      {
        why: 'not IAM data: invoking a function is not control of its code; the escalation is an SQL injection in it',
      },
    ),
    none('the policy applier role: AttachUserPolicy on bilbo, whom it cannot become', [
      'role/cgcorpus1-policy_applier_lambda1',
    ]),
  ]),
];

module.exports = [iamVulnerable, ...cloudgoatScenarios];
