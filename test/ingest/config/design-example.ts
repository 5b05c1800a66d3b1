/**
 * The blast-radius.yaml example of DESIGN.md, verbatim. It names an environment (`staging`) and
 * a data classification (`internal`) that it does not define, so on its own it is invalid.
 */
export const DESIGN_EXAMPLE = `version: 1
environments:            # how to recognise an environment; any matcher may be used
  production:
    tags: { env: [prod, production] }   # tag key -> values, case-insensitive
    names: ["prod-*", "*-prod"]          # resource name / identifier globs
    accounts: ["111111111111"]
    arns: ["arn:aws:rds:*:*:db:prod-*"]
data:                    # data classifications
  sensitive:
    tags: { data-classification: [pii, confidential] }
    arns: ["arn:aws:s3:::customer-*"]
agents:
  - name: deploy-agent
    owner: billing-platform@example.com
    identities:                          # the principals the agent acts as
      - arn:aws:iam::111111111111:role/deploy-agent
      - terraform: aws_iam_role.deploy_agent
    may:                                 # the declared blast radius
      - actions: ["lambda:UpdateFunctionCode", "lambda:Get*"]
        resources: ["arn:aws:lambda:*:111111111111:function:ce-*"]
    environments: [staging]              # environments it may modify
    data: { read: [internal], write: [] }
    forbid: [data-export]                # extra no-go zones; the defaults always apply
    allow-zones: []                      # opt out of a default no-go zone, with a reason
    human-approval: [delete, production] # must be gated by an approval condition
    max-session-duration: 1h
organization:            # optional: policies in force above the account
  scps: [policies/scp-deny-leave.json]
  rcps: []
approval-conditions:     # condition keys that count as a human approval gate
  - aws:MultiFactorAuthPresent
  - aws:PrincipalTag/approved-change
rules:
  fail-on: high
  severity: { reach-expansion: medium }
  ignore:
    - { rule: undeclared-reach, agent: deploy-agent, actions: ["logs:*"],
        reason: "reviewed in SEC-123", expires: 2027-01-31 }
`;

/** The DESIGN.md example with the `staging` environment and the `internal` classification it uses defined. */
export const DESIGN_EXAMPLE_COMPLETE = `version: 1
environments:            # how to recognise an environment; any matcher may be used
  production:
    tags: { env: [prod, production] }   # tag key -> values, case-insensitive
    names: ["prod-*", "*-prod"]          # resource name / identifier globs
    accounts: ["111111111111"]
    arns: ["arn:aws:rds:*:*:db:prod-*"]
  staging:
    tags: { env: staging }
data:                    # data classifications
  sensitive:
    tags: { data-classification: [pii, confidential] }
    arns: ["arn:aws:s3:::customer-*"]
  internal:
    tags: { data-classification: internal }
agents:
  - name: deploy-agent
    owner: billing-platform@example.com
    identities:                          # the principals the agent acts as
      - arn:aws:iam::111111111111:role/deploy-agent
      - terraform: aws_iam_role.deploy_agent
    may:                                 # the declared blast radius
      - actions: ["lambda:UpdateFunctionCode", "lambda:Get*"]
        resources: ["arn:aws:lambda:*:111111111111:function:ce-*"]
    environments: [staging]              # environments it may modify
    data: { read: [internal], write: [] }
    forbid: [data-export]                # extra no-go zones; the defaults always apply
    allow-zones: []                      # opt out of a default no-go zone, with a reason
    human-approval: [delete, production] # must be gated by an approval condition
    max-session-duration: 1h
organization:            # optional: policies in force above the account
  scps: [policies/scp-deny-leave.json]
  rcps: []
approval-conditions:     # condition keys that count as a human approval gate
  - aws:MultiFactorAuthPresent
  - aws:PrincipalTag/approved-change
rules:
  fail-on: high
  severity: { reach-expansion: medium }
  ignore:
    - { rule: undeclared-reach, agent: deploy-agent, actions: ["logs:*"],
        reason: "reviewed in SEC-123", expires: 2027-01-31 }
`;
