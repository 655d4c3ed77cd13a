# shellcheck shell=bash
# Shared helpers for scripts/controlplane/*.sh. Source it; do not execute it.

CP_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
. "$CP_SCRIPT_DIR/versions.env"

K8S_VERSION="${KUBEPATH_K8S_VERSION:-$K8S_VERSION}"
ETCD_VERSION="${KUBEPATH_ETCD_VERSION:-$ETCD_VERSION}"
KWOK_VERSION="${KUBEPATH_KWOK_VERSION:-$KWOK_VERSION}"

CP_CACHE_ROOT="${KUBEPATH_CACHE:-$HOME/.cache/kubepath}"
CP_KEY="${K8S_VERSION}-etcd${ETCD_VERSION#v}-kwok${KWOK_VERSION#v}"
CP_BUILD_DIR="$CP_CACHE_ROOT/controlplane/$CP_KEY"
CP_BIN_DIR="$CP_BUILD_DIR/bin"

# Runtime state of a running control plane.
CP_DIR="${KUBEPATH_CP_DIR:-/tmp/kubepath-cp}"

# Order matters for progress output: "(3/6)" is kube-apiserver.
CP_BINARIES=(kwok etcd kube-apiserver kube-controller-manager kube-scheduler kubectl)

cp_log() { printf '[controlplane] %s\n' "$*"; }
cp_die() { printf '[controlplane] ERROR: %s\n' "$*" >&2; exit 1; }

# cp_fmt_secs 125 -> "2m05s"
cp_fmt_secs() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

# Prints the version line a binary reports; non-zero if it does not run.
cp_binary_version() {
  local name="$1" path="$CP_BIN_DIR/$1"
  [ -x "$path" ] || return 1
  local out
  # Whole output first, then its first line: `| head -n1` can SIGPIPE the binary, which pipefail
  # turns into a spurious failure (seen with kubectl, which prints two lines).
  case "$name" in
    kubectl) out="$("$path" version --client 2>/dev/null)" || return 1 ;;
    *) out="$("$path" --version 2>/dev/null)" || return 1 ;;
  esac
  printf '%s\n' "${out%%$'\n'*}"
}

# The version string a correctly built binary must contain.
cp_expected_version() {
  case "$1" in
    etcd) printf '%s' "${ETCD_VERSION#v}" ;;
    kwok) printf '%s' "${KWOK_VERSION#v}" ;;
    *) printf '%s' "$K8S_VERSION" ;;
  esac
}

# True when the binary exists, runs `--version` and reports the pinned version.
cp_binary_ok() {
  local out
  out="$(cp_binary_version "$1")" || return 1
  [ -n "$out" ] || return 1
  case "$out" in *"$(cp_expected_version "$1")"*) return 0 ;; esac
  return 1
}

cp_require_binaries() {
  local b
  for b in "${CP_BINARIES[@]}"; do
    [ -x "$CP_BIN_DIR/$b" ] || cp_die "missing $CP_BIN_DIR/$b — run scripts/controlplane/build.sh first"
  done
}

# --- process handling -------------------------------------------------------------------------

cp_pidfile() { printf '%s/run/%s.pid' "$CP_DIR" "$1"; }

# True when the pid file names a live process that is still the expected binary.
cp_is_running() {
  local name="$1" pf pid exe
  pf="$(cp_pidfile "$name")"
  [ -f "$pf" ] || return 1
  pid="$(cat "$pf" 2>/dev/null)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  exe="$(readlink "/proc/$pid/exe" 2>/dev/null || true)"
  case "$exe" in
    */"$name" | */"$name"" (deleted)") return 0 ;;
  esac
  return 1
}

# cp_start_process NAME ARGS... — starts $CP_BIN_DIR/NAME in its own session, logs to
# $CP_DIR/logs/NAME.log, records the pid in $CP_DIR/run/NAME.pid.
cp_start_process() {
  local name="$1"
  shift
  mkdir -p "$CP_DIR/logs" "$CP_DIR/run"
  printf '%q ' "$CP_BIN_DIR/$name" "$@" >"$CP_DIR/run/$name.cmd"
  echo >>"$CP_DIR/run/$name.cmd"
  setsid "$CP_BIN_DIR/$name" "$@" >>"$CP_DIR/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$(cp_pidfile "$name")"
  cp_log "started $name (pid $!, log $CP_DIR/logs/$name.log)"
}

# cp_stop_process NAME [GRACE_SECONDS] — SIGTERM, wait up to GRACE (default 15) seconds, then
# SIGKILL. GRACE 0 = SIGKILL at once. Safe if not running.
cp_stop_process() {
  local name="$1" grace="${2:-15}" pf pid i
  pf="$(cp_pidfile "$name")"
  if ! cp_is_running "$name"; then
    rm -f "$pf"
    return 0
  fi
  pid="$(cat "$pf")"
  if [ "$grace" -gt 0 ]; then
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 $((grace * 10))); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  if kill -0 "$pid" 2>/dev/null; then
    [ "$grace" -eq 0 ] || cp_log "$name (pid $pid) did not exit ${grace}s after SIGTERM; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -f "$pf"
  cp_log "stopped $name (pid $pid)"
}

# True when something listens on 127.0.0.1:PORT.
cp_port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# cp_free_port START — first port >= START with no listener on 127.0.0.1.
cp_free_port() {
  local p="$1"
  while cp_port_in_use "$p"; do p=$((p + 1)); done
  printf '%s' "$p"
}

# --- kube-apiserver (shared by start.sh and apiserver.sh) ------------------------------------

cp_load_state() {
  [ -f "$CP_DIR/state.env" ] || cp_die "no control plane state in $CP_DIR (run scripts/controlplane/start.sh)"
  # shellcheck source=/dev/null
  . "$CP_DIR/state.env"
}

cp_start_apiserver() {
  local pki="$CP_DIR/pki"
  if cp_port_in_use "$APISERVER_PORT"; then
    cp_die "127.0.0.1:$APISERVER_PORT is already in use; cannot start kube-apiserver"
  fi
  cp_start_process kube-apiserver \
    --bind-address=127.0.0.1 \
    --advertise-address=127.0.0.1 \
    --secure-port="$APISERVER_PORT" \
    --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
    --tls-cert-file="$pki/apiserver.crt" \
    --tls-private-key-file="$pki/apiserver.key" \
    --client-ca-file="$pki/ca.crt" \
    --requestheader-client-ca-file="$pki/front-proxy-ca.crt" \
    --requestheader-allowed-names=front-proxy-client \
    --requestheader-username-headers=X-Remote-User \
    --requestheader-group-headers=X-Remote-Group \
    --requestheader-extra-headers-prefix=X-Remote-Extra- \
    --proxy-client-cert-file="$pki/front-proxy-client.crt" \
    --proxy-client-key-file="$pki/front-proxy-client.key" \
    --authorization-mode=Node,RBAC \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$pki/sa.pub" \
    --service-account-signing-key-file="$pki/sa.key" \
    --service-cluster-ip-range="$SERVICE_CIDR" \
    --endpoint-reconciler-type=none \
    --enable-priority-and-fairness=false \
    --profiling=false \
    --v="${KUBEPATH_CP_VERBOSITY:-1}"
}

# cp_wait_http NAME URL EXPECTED CURL_ARGS... — waits until URL answers with EXPECTED in its body, for at
# most $TIMEOUT (or $KUBEPATH_CP_READY_TIMEOUT, default 120) seconds; dies with NAME's log tail when the
# process NAME exits meanwhile.
cp_wait_http() {
  local name="$1" url="$2" want="$3" start out timeout="${TIMEOUT:-${KUBEPATH_CP_READY_TIMEOUT:-120}}"
  shift 3
  start=$(date +%s)
  while :; do
    out="$(curl -sS --max-time 3 "$@" "$url" 2>/dev/null || true)"
    case "$out" in *"$want"*) return 0 ;; esac
    if ! cp_is_running "$name"; then
      tail -n 30 "$CP_DIR/logs/$name.log" >&2 || true
      cp_die "$name exited during startup (log: $CP_DIR/logs/$name.log)"
    fi
    [ $(($(date +%s) - start)) -lt "$timeout" ] ||
      cp_die "$name not healthy after ${timeout}s at $url (last answer: '${out:0:200}'; log: $CP_DIR/logs/$name.log)"
    sleep 0.5
  done
}

# --- the API server's clients: controllers, scheduler, kwok (start.sh; apiserver.sh) ------------

# cp_start_secure_component NAME PORT FLAGS... — kube-controller-manager or kube-scheduler: the flags both take
# (their kubeconfig from start.sh for the API server and for delegated authn/authz, 127.0.0.1:PORT, the state's
# CA, no leader election, no profiling), then FLAGS; waits for its /healthz.
cp_start_secure_component() {
  local name="$1" port="$2" kc="$CP_DIR/$1.kubeconfig"
  shift 2
  cp_start_process "$name" \
    --kubeconfig="$kc" \
    --authentication-kubeconfig="$kc" \
    --authorization-kubeconfig="$kc" \
    --bind-address=127.0.0.1 \
    --secure-port="$port" \
    --client-ca-file="$CP_DIR/pki/ca.crt" \
    --leader-elect=false \
    --profiling=false \
    --v="${KUBEPATH_CP_VERBOSITY:-1}" \
    "$@"
  cp_wait_http "$name" "https://127.0.0.1:$port/healthz" ok --insecure
}

# cp_start_controller_manager — kube-controller-manager with the state's ports and PKI; waits for /healthz.
cp_start_controller_manager() {
  local pki="$CP_DIR/pki"
  cp_start_secure_component kube-controller-manager "$KCM_PORT" \
    --use-service-account-credentials=true \
    --service-account-private-key-file="$pki/sa.key" \
    --root-ca-file="$pki/ca.crt" \
    --cluster-signing-cert-file="$pki/ca.crt" \
    --cluster-signing-key-file="$pki/ca.key" \
    --service-cluster-ip-range="$SERVICE_CIDR" \
    --node-monitor-period=25s \
    --node-monitor-grace-period=3m20s
}

# cp_start_scheduler — kube-scheduler with the state's ports and PKI; waits for /healthz.
cp_start_scheduler() {
  cp_start_secure_component kube-scheduler "$SCHEDULER_PORT"
}

# cp_start_kwok — kwok as the kubelet of the fake nodes (start.sh; apiserver.sh after an outage), with the
# state's POD_CIDR and the stages start.sh copied to $CP_DIR/kwok/kwok.yaml. No --server-address / --node-port:
# kwok then opens no listener at all (no logs/exec/port-forward endpoint the apiserver could be asked to dial).
# KWOK_WORKDIR keeps ~/.kwok/kwok.yaml out of it.
cp_start_kwok() {
  KWOK_WORKDIR="$CP_DIR/kwok" cp_start_process kwok \
    --kubeconfig="$CP_DIR/kwok.kubeconfig" \
    --config="$CP_DIR/kwok/kwok.yaml" \
    --manage-all-nodes=false \
    --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
    --cidr="$POD_CIDR" \
    --node-lease-duration-seconds=40
}

# cp_api PATH [CURL_OPTION...] — curl to the API server of the state as its admin (the state's PKI).
cp_api() {
  local path="$1"
  shift
  curl -sS --cacert "$CP_DIR/pki/ca.crt" --cert "$CP_DIR/pki/admin.crt" --key "$CP_DIR/pki/admin.key" "$@" \
    "https://127.0.0.1:$APISERVER_PORT$path"
}

# cp_wait_readyz TIMEOUT_SECONDS — waits until GET /readyz returns "ok".
cp_wait_readyz() {
  local timeout="$1" start now out
  start=$(date +%s)
  while :; do
    out="$(cp_api /readyz --max-time 3 2>/dev/null || true)"
    [ "$out" = "ok" ] && return 0
    if ! cp_is_running kube-apiserver; then
      tail -n 30 "$CP_DIR/logs/kube-apiserver.log" >&2 || true
      cp_die "kube-apiserver exited before becoming ready (log: $CP_DIR/logs/kube-apiserver.log)"
    fi
    now=$(date +%s)
    if [ $((now - start)) -ge "$timeout" ]; then
      cp_api '/readyz?verbose' --max-time 3 >&2 || true
      cp_die "kube-apiserver not ready after ${timeout}s (log: $CP_DIR/logs/kube-apiserver.log)"
    fi
    sleep 0.5
  done
}
