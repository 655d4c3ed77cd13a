#!/usr/bin/env bash
# Asserts the network rule of the live tests on a running control plane: every listener of the five
# components is on 127.0.0.1, and none of them has a TCP connection to a non-loopback address (fake
# pod, node and load-balancer IPs are data only). Run after a test suite, before stop.sh.
# Usage: test/controlplane/assert-loopback.sh   (honours KUBEPATH_CP_DIR)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../../scripts/controlplane/lib.sh
. "$ROOT/scripts/controlplane/lib.sh"
cp_load_state
command -v ss >/dev/null 2>&1 || { printf "[loopback] FAIL: ss (iproute2) is required\n" >&2; exit 1; }

pids=()
for c in etcd kube-apiserver kube-controller-manager kube-scheduler kwok; do
  cp_is_running "$c" || { printf '[loopback] FAIL: %s is not running\n' "$c" >&2; exit 1; }
  pids+=("$(cat "$(cp_pidfile "$c")")")
done
pid_re="pid=($(IFS='|'; echo "${pids[*]}")),"
listen="$(ss -Hltnp | grep -E "$pid_re" || true)"
bad_listen="$(printf '%s\n' "$listen" | awk 'NF && $4 !~ /^127\.0\.0\.1:/' || true)"
[ -z "$bad_listen" ] || { printf '[loopback] FAIL: non-loopback listener(s):\n%s\n' "$bad_listen" >&2; exit 1; }
bad_conn="$(ss -Htnp state all | grep -E "$pid_re" | awk '$1 != "LISTEN" && $5 !~ /^127\.0\.0\.1:/' || true)"
[ -z "$bad_conn" ] || { printf '[loopback] FAIL: connection(s) to non-loopback addresses:\n%s\n' "$bad_conn" >&2; exit 1; }
printf '[loopback] ok: %s listeners, all on 127.0.0.1; no connections to non-loopback addresses\n' "$(printf '%s\n' "$listen" | grep -c .)"
