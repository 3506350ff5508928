#!/usr/bin/env bash
# Boots the host's own systemd as PID 1 in fresh namespaces on an overlay of / ("recipe A"
# in the systemd testing notes). All writes land in SCRATCH/upper; PAYLOAD is bind-mounted
# at /payload. Runs until the guest powers off; tier3.sh starts it in the background and
# drives the guest with nsenter.
# Usage: boot.sh SCRATCH PAYLOAD
set -euo pipefail

R=$(realpath "$1") PAYLOAD=$(realpath "$2")
mkdir -p "$R/upper" "$R/work" "$R/merged"
# A cgroup of our own becomes the guest's cgroup root (cgroup v2, no controllers here).
CG=/sys/fs/cgroup/unified/$(basename "$R")
mkdir -p "$CG"
echo $$ > "$CG/cgroup.procs"

# --kill-child: if unshare dies, the guest's PID 1 is killed, and with it the namespace.
exec unshare --pid --fork --mount --uts --ipc --net --cgroup --kill-child \
  env -i container=unshare R="$R" PAYLOAD="$PAYLOAD" PATH=/usr/sbin:/usr/bin:/sbin:/bin \
  bash -euo pipefail -c '
M=$R/merged
mount --make-rprivate /
mount -t overlay overlay -o lowerdir=/,upperdir=$R/upper,workdir=$R/work "$M"
mount -t proc proc "$M/proc"
mount -t sysfs -o ro sysfs "$M/sys"
mount -t cgroup2 cgroup2 "$M/sys/fs/cgroup"
mount -t tmpfs -o mode=755 tmpfs "$M/dev"
for d in null zero full random urandom tty; do
  touch "$M/dev/$d"
  mount --bind "/dev/$d" "$M/dev/$d"
done
# No console to talk to: systemd writes to a bind of /dev/null.
touch "$M/dev/console"
mount --bind /dev/null "$M/dev/console"
mkdir "$M/dev/pts" "$M/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$M/dev/pts"
ln -s pts/ptmx "$M/dev/ptmx"
ln -s /proc/self/fd "$M/dev/fd"
ln -s /proc/self/fd/0 "$M/dev/stdin"
ln -s /proc/self/fd/1 "$M/dev/stdout"
ln -s /proc/self/fd/2 "$M/dev/stderr"
mount -t tmpfs tmpfs "$M/dev/shm"
mount -t tmpfs -o mode=755 tmpfs "$M/run"
mount -t tmpfs -o mode=1777 tmpfs "$M/tmp"
# The image ships a policy-rc.d that exits 101, which would make deb-systemd-invoke skip
# every start, stop and restart. Removing it here only whites it out in the overlay.
rm -f "$M/usr/sbin/policy-rc.d"
mkdir -p "$M/payload"
mount --bind "$PAYLOAD" "$M/payload"
mkdir "$M/.oldroot"
cd "$M"
# pivot_root, not chroot: in a chroot unshare(CLONE_NEWUSER) fails, and so would every
# unit with PrivateUsers=yes.
pivot_root . .oldroot
umount -l /.oldroot
rmdir /.oldroot
# postgresql costs seconds of boot; console-getty fails without a tty.
exec /lib/systemd/systemd systemd.mask=postgresql.service systemd.mask=console-getty.service
'
