#!/usr/bin/env bash
# Install Amazon's APL validator into a cache outside git, so the tests can check every screen
# document the skill sends with Amazon's own rules.
#
# The npm package apl-suggester holds StaticAplTemplateValidator, the validator the APL
# authoring tools use; tests/support/apl_validate.js runs it over the documents and
# datasources the tests write. Unlike the other fetched packages it has dependencies, so it is
# installed with npm rather than unpacked. Idempotent: does nothing when the pinned version is
# already cached; replaces a cached older one.
#
#   APL_SUGGESTER_DIR   where to put it (default: ~/.cache/heart-to-heart/apl-suggester)
#   APL_SUGGESTER_NPM   npm package spec (default: a pinned version, for repeatable tests)
set -euo pipefail

dest="${APL_SUGGESTER_DIR:-$HOME/.cache/heart-to-heart/apl-suggester}"
package="${APL_SUGGESTER_NPM:-apl-suggester@2024.2.0}"

FETCH_NAME=fetch-apl-suggester
# shellcheck source=scripts/setup-lib.sh
source "$(dirname "$0")/setup-lib.sh"

if [ -d "$dest/node_modules/apl-suggester" ] && [ "$(cat "$dest/.npm-spec" 2>/dev/null)" = "$package" ]; then
    exit 0
fi
if ! command -v npm >/dev/null; then
    apt_install npm
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
say "installing $package"
(cd "$work" && echo '{"name": "apl-validation", "private": true}' > package.json \
    && npm install --silent --no-audit --no-fund --omit=dev "$package" >/dev/null)
echo "$package" > "$work/.npm-spec"

if ! move_into_place "$work" "$dest" && [ "$(cat "$dest/.npm-spec" 2>/dev/null)" != "$package" ]; then
    say "$dest exists but is not a cache this script made: remove it or set APL_SUGGESTER_DIR"
    exit 1
fi
say "apl-suggester is in $dest"
