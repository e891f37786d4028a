"""Shared helpers for the boto3 benchmark clients: isolated credentials and client settings."""
import os

import boto3
from botocore.config import Config

# The emulated account's root key: AWS's documented example key (public, not a secret).
ROOT = {"aws_access_key_id": "AKIAIOSFODNN7EXAMPLE", "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}

# No retries (a retry would hide a failure and skew timings); generous pool for threads.
CONFIG = Config(retries={"max_attempts": 1, "mode": "standard"}, max_pool_connections=64, connect_timeout=5, read_timeout=30)


def isolate_environment():
    """Keep the user's AWS config, profiles and instance metadata out of the measurement."""
    for var in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL"):
        os.environ.pop(var, None)
    os.environ["AWS_CONFIG_FILE"] = "/nonexistent/iamflow-bench-config"
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/iamflow-bench-credentials"
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"


def client(service, endpoint, creds=None):
    """A boto3 client for `service` at `endpoint` signing with `creds` (root by default)."""
    creds = creds or ROOT
    session = boto3.session.Session()
    return session.client(service, endpoint_url=endpoint, region_name="us-east-1", config=CONFIG, **creds)
