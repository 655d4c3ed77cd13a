#!/usr/bin/env bash
# Stops every component started by start.sh (via the pid files in $KUBEPATH_CP_DIR/run), in reverse
# start order. Safe to call when nothing is running, and safe to call twice.
#   --purge   also delete $KUBEPATH_CP_DIR (logs, PKI, etcd data, kubeconfig)
set -euo pipefail

# shellcheck source=lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

purge=0
for a in "$@"; do
  case "$a" in
    --purge) purge=1 ;;
    *) cp_die "usage: stop.sh [--purge]" ;;
  esac
done

if [ ! -d "$CP_DIR/run" ]; then
  cp_log "nothing to stop in $CP_DIR"
else
  for c in kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do
    cp_stop_process "$c"
  done
  cp_log "control plane in $CP_DIR stopped"
fi

if [ "$purge" = 1 ] && [ -f "$CP_DIR/.kubepath-cp" ]; then
  rm -rf "$CP_DIR"
  cp_log "removed $CP_DIR"
fi
