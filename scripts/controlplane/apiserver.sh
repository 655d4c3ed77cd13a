#!/usr/bin/env bash
# Stops or (re)starts only kube-apiserver of the control plane started by start.sh, keeping etcd,
# the controllers and all state (kwok is restarted once the API server is back; see do_start). For
# API-outage tests:
#   scripts/controlplane/apiserver.sh stop     # SIGTERM, then SIGKILL after
#                                              # $KUBEPATH_CP_APISERVER_STOP_GRACE s (default 5); no-op if stopped
#   scripts/controlplane/apiserver.sh kill     # SIGKILL at once (crash); no-op if stopped
#   scripts/controlplane/apiserver.sh start    # same port/flags/PKI as before; waits for /readyz
#   scripts/controlplane/apiserver.sh restart
#   scripts/controlplane/apiserver.sh status   # exit 0 if running and /readyz is ok
set -euo pipefail

# shellcheck source=lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

cp_load_state

readyz() {
  cp_api /readyz --max-time 3 2>/dev/null || true
}

do_start() {
  local was_down=0
  if cp_is_running kube-apiserver; then
    cp_log "kube-apiserver already running (pid $(cat "$(cp_pidfile kube-apiserver)"))"
  else
    cp_is_running etcd || cp_die "etcd is not running in $CP_DIR; use start.sh for a full start"
    cp_start_apiserver
    was_down=1
  fi
  cp_wait_readyz "${KUBEPATH_CP_READY_TIMEOUT:-120}"
  cp_log "kube-apiserver ready on https://127.0.0.1:$APISERVER_PORT"
  # kwok v0.8.0 does not always get its pod watch back after the API server was away: in a CI run of
  # 6 Dec 2026 it patched no pod after the outage tests (its node leases carried on), so the pods the next
  # suite created never became Ready and no endpoint was published. A new kwok lists everything afresh.
  if [ "$was_down" = 1 ] && cp_is_running kwok; then
    cp_stop_process kwok 5
    # Each kwok process takes a new identity (hostname + UUID) and waits for the node leases the old one
    # held to expire (--node-lease-duration-seconds=40) before it manages those nodes: the leases go first.
    # Every node here is kwok's (no kubelet), so every lease in kube-node-lease is one of them.
    local code
    code="$(cp_api /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases \
      --max-time 10 -X DELETE -o /dev/null -w '%{http_code}')" || true
    [ "$code" = 200 ] || cp_die "could not delete kwok's node leases (HTTP ${code:-none}); kwok is stopped"
    cp_start_kwok
  fi
}

case "${1:-}" in
  stop) cp_stop_process kube-apiserver "${KUBEPATH_CP_APISERVER_STOP_GRACE:-5}" ;;
  kill) cp_stop_process kube-apiserver 0 ;;
  start) do_start ;;
  restart) cp_stop_process kube-apiserver "${KUBEPATH_CP_APISERVER_STOP_GRACE:-5}"; do_start ;;
  status)
    if cp_is_running kube-apiserver && [ "$(readyz)" = ok ]; then
      cp_log "kube-apiserver running (pid $(cat "$(cp_pidfile kube-apiserver)")), /readyz ok"
    else
      cp_log "kube-apiserver not ready"
      exit 1
    fi
    ;;
  *) cp_die "usage: apiserver.sh stop|kill|start|restart|status" ;;
esac
