#!/usr/bin/env bash
# Fetch the Alexa Skill Management API's JSON schemas into a cache outside git, so the tests
# can validate the skill manifest and the interaction models against Amazon's own definitions.
#
# The npm package ask-smapi-model (Amazon's SMAPI model for Node.js) ships them as spec.json:
# a Swagger 2.0 document whose "definitions" hold v1.skill.Manifest.SkillManifestEnvelope,
# v1.skill.interactionModel.InteractionModelData and the rest. Idempotent: does nothing when
# the pinned version is already cached; replaces a cached older one.
#
#   ASK_SMAPI_MODEL_DIR   where to put it (default: ~/.cache/heart-to-heart/ask-smapi-model)
#   ASK_SMAPI_MODEL_NPM   npm package spec (default: a pinned version, for repeatable tests)
set -euo pipefail

dest="${ASK_SMAPI_MODEL_DIR:-$HOME/.cache/heart-to-heart/ask-smapi-model}"
package="${ASK_SMAPI_MODEL_NPM:-ask-smapi-model@1.24.0}"

FETCH_NAME=fetch-ask-smapi-model
# shellcheck source=scripts/setup-lib.sh
source "$(dirname "$0")/setup-lib.sh"

if [ -f "$dest/spec.json" ] && [ "$(cat "$dest/.npm-spec" 2>/dev/null)" = "$package" ]; then
    exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
unpacked="$(npm_unpack "$package" "$work")"

if [ ! -f "$unpacked/spec.json" ]; then
    say "$package has no spec.json at its root: the schemas moved; look inside with npm pack"
    exit 1
fi
mkdir "$work/keep"
mv "$unpacked/spec.json" "$unpacked/package.json" "$unpacked/LICENSE" "$work/keep/"
echo "$package" > "$work/keep/.npm-spec"

if ! move_into_place "$work/keep" "$dest" && [ "$(cat "$dest/.npm-spec" 2>/dev/null)" != "$package" ]; then
    say "$dest exists but is not a cache this script made: remove it or set ASK_SMAPI_MODEL_DIR"
    exit 1
fi
say "ask-smapi-model's schemas are in $dest"
