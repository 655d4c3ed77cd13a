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
#   scripts/controlplane/apiserver.sh restart-controllers
#                                              # after an outage: kube-controller-manager and kube-scheduler
#                                              # anew (see do_restart_controllers)
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

# After an outage the controllers' and the scheduler's informers sit in client-go's reflector backoff
# (800 ms doubling to a 30 s cap, with up to 100% jitter: "backoff will stop at [30,60) sec interval",
# https://github.com/kubernetes/client-go/blob/master/tools/cache/reflector.go), and a re-list in the first second after /readyz can be refused
# by the not yet synced RBAC authorizer, which backs it off again. In a CI run of 7 Dec 2026 the
# ServiceAccount controller had not seen a namespace created 10 s after the outage test ended within
# 60 s. The outage tests measure kubepath's recovery, not the controllers': they call this once they
# are done, so that what runs next gets controllers with fresh watches instead of a wait of up to a minute.
do_restart_controllers() {
  cp_wait_readyz "${KUBEPATH_CP_READY_TIMEOUT:-120}"
  cp_stop_process kube-scheduler 5
  cp_stop_process kube-controller-manager 5
  cp_start_controller_manager
  cp_log "kube-controller-manager healthy on 127.0.0.1:$KCM_PORT"
  cp_start_scheduler
  cp_log "kube-scheduler healthy on 127.0.0.1:$SCHEDULER_PORT"
}

case "${1:-}" in
  stop) cp_stop_process kube-apiserver "${KUBEPATH_CP_APISERVER_STOP_GRACE:-5}" ;;
  kill) cp_stop_process kube-apiserver 0 ;;
  start) do_start ;;
  restart) cp_stop_process kube-apiserver "${KUBEPATH_CP_APISERVER_STOP_GRACE:-5}"; do_start ;;
  restart-controllers) do_restart_controllers ;;
  status)
    if cp_is_running kube-apiserver && [ "$(readyz)" = ok ]; then
      cp_log "kube-apiserver running (pid $(cat "$(cp_pidfile kube-apiserver)")), /readyz ok"
    else
      cp_log "kube-apiserver not ready"
      exit 1
    fi
    ;;
  *) cp_die "usage: apiserver.sh stop|kill|start|restart|status|restart-controllers" ;;
esac
