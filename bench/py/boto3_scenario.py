"""The API calls of scenarios/assume-role.yaml (steps and teardown, 14 calls) made with boto3.

Usage: python3 boto3_scenario.py ENDPOINT, then send lines on stdin:
  run K   -> runs K iterations, prints one JSON line {"totalMs": [...], "callsMs": [...], "errors": {...}}
  quit    -> exits
totalMs includes building the boto3 clients of the new identities (as the scenario needs them);
callsMs counts only the 14 API calls. Names are unique per iteration, so the endpoint's state
does not grow (everything is deleted again).
"""
import json
import sys
import time

from botocore.exceptions import ClientError

from common import client, isolate_environment

TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}]}'
POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}'


def call(errors, fn, *args, **kwargs):
    """Make one call; an AWS error is counted (the scenario expects one), not raised."""
    try:
        return fn(*args, **kwargs)
    except ClientError as e:
        code = e.response.get("Error", {}).get("Code", "?")
        errors[code] = errors.get(code, 0) + 1
        return None


def iteration(endpoint, iam, n, errors):
    user, role, policy = "bench-user-%d" % n, "bench-role-%d" % n, "bench-policy-%d" % n
    building = 0.0
    t0 = time.perf_counter()
    arn = iam.create_user(UserName=user)["User"]["Arn"]
    key = iam.create_access_key(UserName=user)["AccessKey"]
    demo = {"aws_access_key_id": key["AccessKeyId"], "aws_secret_access_key": key["SecretAccessKey"]}
    b = time.perf_counter()
    demo_s3, demo_sts = client("s3", endpoint, demo), client("sts", endpoint, demo)
    building += time.perf_counter() - b
    call(errors, demo_s3.list_buckets)  # AccessDenied on an enforcing endpoint
    role_arn = iam.create_role(RoleName=role, AssumeRolePolicyDocument=TRUST % arn)["Role"]["Arn"]
    policy_arn = iam.create_policy(PolicyName=policy, PolicyDocument=POLICY)["Policy"]["Arn"]
    iam.attach_role_policy(RoleName=role, PolicyArn=policy_arn)
    c = demo_sts.assume_role(RoleArn=role_arn, RoleSessionName="AssumeRoleSession1", DurationSeconds=900)["Credentials"]
    reader = {"aws_access_key_id": c["AccessKeyId"], "aws_secret_access_key": c["SecretAccessKey"], "aws_session_token": c["SessionToken"]}
    b = time.perf_counter()
    reader_s3, reader_sts = client("s3", endpoint, reader), client("sts", endpoint, reader)
    building += time.perf_counter() - b
    reader_s3.list_buckets()
    reader_sts.get_caller_identity()
    iam.detach_role_policy(RoleName=role, PolicyArn=policy_arn)
    iam.delete_policy(PolicyArn=policy_arn)
    iam.delete_role(RoleName=role)
    iam.delete_access_key(UserName=user, AccessKeyId=key["AccessKeyId"])
    iam.delete_user(UserName=user)
    total = time.perf_counter() - t0
    return total * 1000, (total - building) * 1000


def main():
    isolate_environment()
    endpoint = sys.argv[1]
    iam = client("iam", endpoint)
    n = 0
    for line in sys.stdin:
        cmd = line.split()
        if not cmd or cmd[0] == "quit":
            break
        totals, calls, errors = [], [], {}
        for _ in range(int(cmd[1])):
            n += 1
            t, c = iteration(endpoint, iam, n, errors)
            totals.append(t)
            calls.append(c)
        print(json.dumps({"totalMs": totals, "callsMs": calls, "errors": errors}), flush=True)


if __name__ == "__main__":
    main()
