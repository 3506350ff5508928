#!/usr/bin/env bash
# Builds the Debian package with dpkg-buildpackage (debhelper, debian/) into target/deb/,
# checks that debian/changelog and Cargo.toml agree on the version, and runs lintian.
# The release build (LTO) takes minutes on 2 cores; target/ is kept between runs.
# Prints the path of the .deb as its last line.
set -euo pipefail
cd "$(dirname "$0")/../.."

# Installs PACKAGE unless COMMAND exists; refreshes the package lists only if needed.
need() {
  command -v "$1" > /dev/null && return
  echo "build-deb: installing $2"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" > /dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" > /dev/null
  fi
}
need dh debhelper
need lintian lintian

# Two sources of the version: fail before building if they disagree. A Cargo pre-release
# (1.0.0-rc.1) is spelled 1.0.0~rc.1 in Debian so that it sorts before 1.0.0.
cargo_version=$(awk '/^\[/ { p = ($0 == "[package]") } p && /^version *=/ { gsub(/^[^"]*"|".*$/, ""); print; exit }' Cargo.toml)
deb_version=$(dpkg-parsechangelog -S Version)
if [[ $deb_version != "${cargo_version/-/\~}" ]]; then
  echo "build-deb: debian/changelog says $deb_version but Cargo.toml says $cargo_version:" \
    "add a debian/changelog entry (dch -v ${cargo_version/-/\~})" >&2
  exit 1
fi

arch=$(dpkg --print-architecture)
deb=target/deb/mcp-telegram_${deb_version}_${arch}.deb
# dpkg-buildpackage always writes next to the source tree, in ../
rm -f ../mcp-telegram_"${deb_version}"_*
dpkg-buildpackage -us -uc -b
mkdir -p target/deb
mv ../mcp-telegram_"${deb_version}"_"${arch}".{deb,buildinfo,changes} target/deb/

echo "build-deb: lintian"
lintian --fail-on error,warning "$deb"
echo "build-deb: lintian clean"

# Every MCP window is a process of this binary: each shared library it loads costs every
# window resident memory. libm alone was about 0.3 MiB (ARCHITECTURE.md, "Memory of a thin
# client"), so the packaged binary must load only these.
packaged=$(mktemp)
trap 'rm -f "$packaged"' EXIT
dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/bin/mcp-telegram > "$packaged"
needed=$(readelf -d "$packaged" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ')
if [[ $needed != "libc.so.6 libgcc_s.so.1 " ]]; then
  echo "build-deb: /usr/bin/mcp-telegram loads $needed- expected only libc.so.6 and libgcc_s.so.1:" \
    "a new dependency pulls in a library (nm -D --undefined-only shows its symbols)" >&2
  exit 1
fi
echo "build-deb: the binary loads only $needed"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
echo "build-deb: $(stat -c %s "$deb") bytes ($(du -h "$deb" | cut -f1)), installed size $(dpkg-deb -f "$deb" Installed-Size) KiB"
echo "$deb"
