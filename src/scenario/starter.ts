/**
 * The starter scenario `iamflow init` writes: a complete, valid lab (a user is denied a call until
 * a policy allows it) that shows the main fields, with the schema modeline for editor completion.
 */
export function starterScenario(name: string, schemaRef: string): string {
  return `# yaml-language-server: $schema=${schemaRef}
name: ${name}
description: >-
  Describe what this lab shows. This starter creates a user with no permissions, checks that
  AWS denies it iam:ListUsers, then allows it with an inline policy and checks again.
vars:
  userName: ${name}-user
steps:
  - id: create-user
    name: Create a user with no permissions
    action: iam.createUser
    input: { UserName: "\${{ userName }}" }
    capture: { userArn: User.Arn }

  - id: user-key
    name: Give the user an access key; its credentials become identity "learner"
    action: iam.createAccessKey
    input: { UserName: "\${{ userName }}" }
    identity: learner

  - id: denied
    name: With no policy, the user cannot list users
    as: learner
    action: iam.listUsers
    expect: { error: AccessDenied, because: implicitDeny }

  - id: allow
    name: An inline policy allows iam:ListUsers
    action: iam.putUserPolicy
    input:
      UserName: "\${{ userName }}"
      PolicyName: allow-list-users
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: iam:ListUsers
            Resource: "*"

  - id: allowed
    name: Now the user can list users, and sees itself
    as: learner
    action: iam.listUsers
    expect:
      output:
        Users[*].UserName: { contains: "\${{ userName }}" }
`
}
