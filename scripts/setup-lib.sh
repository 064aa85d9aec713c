# Helpers for the set-up scripts (fetch-*.sh, ensure-*.sh): install a Debian package, or put one
# file tree from an npm package into a cache outside git. npm is the one registry this
# project's machines always reach.
#
# Source this file after setting FETCH_NAME (the prefix of every message), then:
#   apt_install PACKAGE...          install Debian packages (as root, or with sudo)
#   npm_unpack SPEC WORKDIR         download SPEC (name@version) and print the unpacked folder
#   move_into_place SOURCE DEST     make DEST a copy of SOURCE's files in one rename

say() { echo "${FETCH_NAME:-fetch}: $*" >&2; }

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

npm_unpack() {
    local spec="$1" work="$2" tarball
    if ! command -v npm >/dev/null; then
        apt_install npm
    fi
    say "downloading $spec"
    tarball="$(cd "$work" && npm pack --silent --pack-destination "$work" "$spec" | tail -n 1)"
    tar -xzf "$work/$tarball" -C "$work"
    echo "$work/package"
}

# A complete copy is staged beside DEST and renamed into place, so a concurrent or interrupted
# run never leaves a half-filled cache that looks ready. An existing DEST is replaced only when
# it is empty or holds a .npm-spec marker (a cache this helper made); never delete something
# the user pointed us at.
move_into_place() {
    local source="$1" dest="$2" staging
    mkdir -p "$(dirname "$dest")"
    staging="$(mktemp -d "$dest.partial.XXXXXX")"
    (shopt -s dotglob && mv "$source"/* "$staging"/)
    rmdir "$dest" 2>/dev/null || true
    if [ -f "$dest/.npm-spec" ]; then
        rm -rf "$dest"
    fi
    if ! mv -T "$staging" "$dest" 2>/dev/null; then
        rm -rf "$staging"
        return 1
    fi
}
