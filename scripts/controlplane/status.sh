#!/usr/bin/env bash
# Prints the state of each control-plane component in $KUBEPATH_CP_DIR. Exit 0 only if all run.
set -euo pipefail

# shellcheck source=lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

rc=0
for c in etcd kube-apiserver kube-controller-manager kube-scheduler kwok; do
  if cp_is_running "$c"; then
    printf '%-24s running (pid %s)\n' "$c" "$(cat "$(cp_pidfile "$c")")"
  else
    printf '%-24s stopped\n' "$c"
    rc=1
  fi
done
[ ! -f "$CP_DIR/kubeconfig" ] || printf 'kubeconfig               %s\n' "$CP_DIR/kubeconfig"
exit $rc
