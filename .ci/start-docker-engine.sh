#!/usr/bin/env bash
# Installs podman from Debian packages, starts its Docker-compatible API on a unix socket and imports
# a tiny busybox image (no registry is reachable here). Safe to run twice.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SOCK=/tmp/caravan-podman.sock
if ! command -v podman >/dev/null || ! command -v runc >/dev/null || [ ! -x /bin/busybox ]; then
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq podman runc busybox-static curl >/dev/null
fi
mkdir -p /etc/containers
cat > /etc/containers/containers.conf <<CONF
[containers]
default_ulimits = ["nofile=$(ulimit -Hn):$(ulimit -Hn)", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
if ! podman image exists localhost/busybox:test; then
  R=$(mktemp -d); mkdir -p "$R/bin" "$R/tmp" "$R/etc" "$R/proc" "$R/sys" "$R/dev"
  cp /bin/busybox "$R/bin/busybox"
  for a in $("$R/bin/busybox" --list); do [ "$a" = busybox ] || ln -sf busybox "$R/bin/$a"; done
  tar -C "$R" -cf /tmp/busybox-rootfs.tar . && rm -rf "$R"
  podman import -q /tmp/busybox-rootfs.tar localhost/busybox:test >/dev/null
fi
if ! curl -sf --unix-socket "$SOCK" http://d/_ping >/dev/null 2>&1; then
  rm -f "$SOCK"
  # conmon writes an "oom" marker into the service's working directory when a container is OOM-killed;
  # start it from /tmp so the checkout stays clean.
  cd /tmp
  nohup podman system service --time=0 "unix://$SOCK" >/tmp/caravan-podman.log 2>&1 &
  echo $! >/tmp/caravan-podman.pid
  for _ in $(seq 1 100); do curl -sf --unix-socket "$SOCK" http://d/_ping >/dev/null && break; sleep 0.1; done
fi
curl -sf --unix-socket "$SOCK" http://d/_ping >/dev/null && echo "ci: Docker-API engine (podman) on $SOCK"
