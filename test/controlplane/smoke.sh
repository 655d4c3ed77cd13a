#!/usr/bin/env bash
# Smoke test for the local control plane (scripts/controlplane/start.sh must be running):
#   1. a kwok Node becomes Ready,
#   2. a 2-replica Deployment gets scheduled; kwok makes both pods Running/Ready with pod IPs,
#   3. the real EndpointSlice controller publishes an EndpointSlice with 2 ready endpoints,
#   4. every control-plane socket is on 127.0.0.1 and nothing talks to a non-loopback address,
#   5. (unless SMOKE_SKIP_OUTAGE=1) apiserver.sh stop / kill make the API unreachable,
#      apiserver.sh start brings it back with the data intact, and the controllers + kwok
#      reconnect (scaling to 3 replicas yields 3 ready endpoints); apiserver.sh restart-controllers
#      gives controllers that work at once (scaling back to 2 leaves 2 pods and 2 ready endpoints).
# Usage: test/controlplane/smoke.sh        (honours KUBEPATH_CP_DIR, KUBEPATH_CACHE)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../../scripts/controlplane/lib.sh
. "$ROOT/scripts/controlplane/lib.sh"
cp_load_state

export KUBECONFIG="$CP_DIR/kubeconfig"
K="$CP_BIN_DIR/kubectl"
NS=kubepath-smoke
NODE=kwok-node-0
FIX="$ROOT/test/controlplane/fixtures"
T0=$(date +%s)

step() { printf '\n[smoke] %s\n' "$*"; }
fail() { printf '[smoke] FAIL: %s\n' "$*" >&2; exit 1; }

# poll SECONDS DESCRIPTION COMMAND... — retries COMMAND every second until it succeeds.
poll() {
  local timeout="$1" what="$2" start
  shift 2
  start=$(date +%s)
  until "$@" >/dev/null 2>&1; do
    [ $(($(date +%s) - start)) -lt "$timeout" ] || fail "timed out after ${timeout}s waiting for $what"
    sleep 1
  done
  printf '[smoke] ok: %s (%ss)\n' "$what" $(($(date +%s) - start))
}

step "server version"
"$K" version

step "create kwok node $NODE"
"$K" apply -f "$FIX/kwok-node.yaml"
node_ready() {
  [ "$("$K" get node "$NODE" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')" = True ]
}
poll 60 "node $NODE Ready" node_ready
"$K" get nodes -o wide

step "create Deployment (2 replicas) + Service in namespace $NS"
"$K" create namespace "$NS" --dry-run=client -o yaml | "$K" apply -f -
poll 60 "ServiceAccount $NS/default" "$K" -n "$NS" get serviceaccount default
"$K" -n "$NS" apply -f "$FIX/web.yaml"
"$K" -n "$NS" rollout status deployment/web --timeout=90s
"$K" -n "$NS" get pods -o wide

step "EndpointSlice for service web"
ready_count() {
  "$K" -n "$NS" get endpointslices -l kubernetes.io/service-name=web \
    -o jsonpath='{range .items[*].endpoints[*]}{.conditions.ready}{"\n"}{end}' | grep -c '^true$'
}
two_ready() { [ "$(ready_count)" = 2 ]; }
poll 60 "EndpointSlice with 2 ready endpoints" two_ready
"$K" -n "$NS" get endpointslices -l kubernetes.io/service-name=web -o jsonpath='{range .items[*]}slice {.metadata.name} addressType={.addressType} ports={.ports}{"\n"}{range .endpoints[*]}  {.addresses} ready={.conditions.ready} serving={.conditions.serving} node={.nodeName} pod={.targetRef.name}{"\n"}{end}{end}'
"$K" -n "$NS" get svc,endpointslices -o wide
[ "$(ready_count)" = 2 ] || fail "expected 2 ready endpoints"

step "network: all listeners on 127.0.0.1, no connections to non-loopback addresses"
pids=()
for c in etcd kube-apiserver kube-controller-manager kube-scheduler kwok; do
  pids+=("$(cat "$(cp_pidfile "$c")")")
done
pid_re="pid=($(IFS='|'; echo "${pids[*]}")),"
listen="$(ss -Hltnp | grep -E "$pid_re" || true)"
printf '%s\n' "$listen"
bad_listen="$(printf '%s\n' "$listen" | awk 'NF && $4 !~ /^127\.0\.0\.1:/' || true)"
[ -z "$bad_listen" ] || fail "non-loopback listener(s): $bad_listen"
bad_conn="$(ss -Htnp state all | grep -E "$pid_re" | awk '$1 != "LISTEN" && $5 !~ /^127\.0\.0\.1:/' || true)"
[ -z "$bad_conn" ] || fail "connection(s) to non-loopback addresses: $bad_conn"
printf '[smoke] ok: %s listeners, all loopback; no non-loopback connections\n' "$(printf '%s\n' "$listen" | grep -c .)"

if [ "${SMOKE_SKIP_OUTAGE:-0}" != 1 ]; then
  step "apiserver outage: apiserver.sh stop / start"
  "$ROOT/scripts/controlplane/apiserver.sh" stop
  if "$K" get --raw /readyz --request-timeout=3s >/dev/null 2>&1; then
    fail "API still answering after apiserver.sh stop"
  fi
  printf '[smoke] ok: API unreachable while stopped\n'
  "$ROOT/scripts/controlplane/apiserver.sh" start
  [ "$(ready_count)" = 2 ] || fail "EndpointSlice lost its ready endpoints across the restart"
  printf '[smoke] ok: API back, EndpointSlice still has 2 ready endpoints\n'
  step "apiserver crash: apiserver.sh kill / start"
  "$ROOT/scripts/controlplane/apiserver.sh" kill
  if "$K" get --raw /readyz --request-timeout=3s >/dev/null 2>&1; then
    fail "API still answering after apiserver.sh kill"
  fi
  "$ROOT/scripts/controlplane/apiserver.sh" start
  "$ROOT/scripts/controlplane/apiserver.sh" status
  "$K" -n "$NS" scale deployment/web --replicas=3
  three_ready() { [ "$(ready_count)" = 3 ]; }
  poll 60 "scaled to 3: EndpointSlice with 3 ready endpoints" three_ready
  step "fresh controllers after the outages: apiserver.sh restart-controllers"
  "$ROOT/scripts/controlplane/apiserver.sh" restart-controllers
  "$K" -n "$NS" scale deployment/web --replicas=2
  two_ready() { [ "$(ready_count)" = 2 ] && [ "$("$K" -n "$NS" get pods -l app=web --no-headers 2>/dev/null | grep -c .)" = 2 ]; }
  poll 60 "scaled back to 2 by the restarted controllers: 2 ready endpoints, 2 pods" two_ready
fi

printf '\n[smoke] PASS in %ss\n' $(($(date +%s) - T0))
