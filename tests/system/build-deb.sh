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
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
echo "build-deb: $(stat -c %s "$deb") bytes ($(du -h "$deb" | cut -f1)), installed size $(dpkg-deb -f "$deb" Installed-Size) KiB"
echo "$deb"
