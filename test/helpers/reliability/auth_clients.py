"""boto3 side of the authentication corpus (issue 9, item 4).

Reads {"endpoint": URL, "cases": [{"name", "service": "sts"|"s3"|"iam", "creds": {...},
"skew": seconds, "bucket": name}]} on stdin; for each case makes one call with boto3 (no
retries) and prints [{"name", "code", "status"}] as JSON: the AWS error code, or "OK".
"""
import datetime
import json
import sys

import boto3
import botocore.auth
import botocore.config
import botocore.exceptions

real_now = botocore.auth.get_current_datetime
skew = {"seconds": 0}
botocore.auth.get_current_datetime = lambda: real_now() + datetime.timedelta(seconds=skew["seconds"])

spec = json.load(sys.stdin)
config = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"}, s3={"addressing_style": "path"})
out = []
for case in spec["cases"]:
    creds = case["creds"]
    client = boto3.client(
        case["service"],
        endpoint_url=spec["endpoint"],
        region_name="us-east-1",
        aws_access_key_id=creds["accessKeyId"],
        aws_secret_access_key=creds["secretAccessKey"],
        aws_session_token=creds.get("sessionToken"),
        config=config,
    )
    skew["seconds"] = case.get("skew", 0)
    try:
        if case["service"] == "sts":
            client.get_caller_identity()
        elif case["service"] == "iam":
            client.list_users()
        else:
            client.list_objects_v2(Bucket=case["bucket"])
        out.append({"name": case["name"], "code": "OK", "status": 200})
    except botocore.exceptions.ClientError as e:
        out.append({"name": case["name"], "code": e.response["Error"].get("Code"), "status": e.response["ResponseMetadata"].get("HTTPStatusCode")})
print(json.dumps(out))
