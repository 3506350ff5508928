#!/usr/bin/env bash
# Repacks a .deb under a higher version, so tier 3 can test an upgrade without a second
# (LTO) build. Usage: bump-deb.sh IN.deb OUT.deb [VERSION]   (default: IN's version + "+t3")
set -euo pipefail

in=$1 out=$2
version=${3:-$(dpkg-deb -f "$in" Version)+t3}
if dpkg --compare-versions "$version" le "$(dpkg-deb -f "$in" Version)"; then
  echo "bump-deb.sh: $version is not newer than $in" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

dpkg-deb -R "$in" "$tmp/pkg"
sed -i "s/^Version: .*/Version: $version/" "$tmp/pkg/DEBIAN/control"
# --root-owner-group keeps files root-owned even when the extraction could not.
dpkg-deb --root-owner-group -b "$tmp/pkg" "$out" > /dev/null
echo "$out: version $version"
