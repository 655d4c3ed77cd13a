#!/usr/bin/env bash
# Starts a real, local Kubernetes control plane on 127.0.0.1 with fresh state in $KUBEPATH_CP_DIR
# (default /tmp/kubepath-cp):
#   etcd -> kube-apiserver (Node,RBAC; client-cert auth) -> kube-controller-manager -> kube-scheduler
#   -> kwok (fake kubelet for Nodes annotated kwok.x-k8s.io/node=fake)
# Writes an admin kubeconfig to $KUBEPATH_CP_DIR/kubeconfig and waits until /readyz is ok.
#
# Binaries come from scripts/controlplane/build.sh. Stop with scripts/controlplane/stop.sh.
#
# Env (all optional):
#   KUBEPATH_CP_DIR                 state dir (wiped on start; must be empty or created by this script)
#   KUBEPATH_CP_APISERVER_PORT      default: first free port from 26443
#   KUBEPATH_CP_ETCD_PORT           default: first free port from 23790 (peer port: the next free one)
#   KUBEPATH_CP_KCM_PORT            default: first free port from 20257
#   KUBEPATH_CP_SCHEDULER_PORT      default: first free port from 20259
#   KUBEPATH_CP_SERVICE_CIDR        default 10.96.0.0/16
#   KUBEPATH_CP_POD_CIDR            default 10.244.0.0/16 (kwok's fallback pod CIDR; nodes' podCIDR wins)
#   KUBEPATH_CP_READY_TIMEOUT       seconds to wait for each component (default 120)
#   KUBEPATH_CP_KEEP_ON_FAILURE=1   leave processes running when start fails (for debugging)
#   KUBEPATH_CP_VERBOSITY           klog -v for the Kubernetes components (default 1)
set -euo pipefail

# shellcheck source=lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

T0=$(date +%s)
TIMEOUT="${KUBEPATH_CP_READY_TIMEOUT:-120}"
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)
STAGES="$CP_BUILD_DIR/kwok-stages.yaml"

command -v openssl >/dev/null 2>&1 || cp_die "openssl is required"
command -v curl >/dev/null 2>&1 || cp_die "curl is required"
cp_require_binaries
[ -s "$STAGES" ] || cp_die "missing $STAGES — run scripts/controlplane/build.sh"

for c in "${COMPONENTS[@]}"; do
  if cp_is_running "$c"; then
    cp_die "$c is already running from $CP_DIR (pid $(cat "$(cp_pidfile "$c")")); run scripts/controlplane/stop.sh first"
  fi
done

# --- fresh state dir ---------------------------------------------------------------------------
case "$CP_DIR" in
  "" | / | /tmp | /tmp/ | "$HOME" | "$HOME/") cp_die "refusing to use KUBEPATH_CP_DIR='$CP_DIR'" ;;
esac
if [ -e "$CP_DIR" ]; then
  if [ -f "$CP_DIR/.kubepath-cp" ] || [ -z "$(ls -A "$CP_DIR" 2>/dev/null)" ]; then
    rm -rf "$CP_DIR"
  else
    cp_die "$CP_DIR exists and was not created by start.sh (no .kubepath-cp marker); remove it or set KUBEPATH_CP_DIR"
  fi
fi
mkdir -p "$CP_DIR"/{pki,etcd,logs,run,kwok}
chmod 700 "$CP_DIR"
touch "$CP_DIR/.kubepath-cp"

started_ok=0
on_exit() {
  local rc=$?
  if [ "$started_ok" != 1 ]; then
    cp_log "start failed (exit $rc); logs are in $CP_DIR/logs"
    if [ "${KUBEPATH_CP_KEEP_ON_FAILURE:-0}" != 1 ]; then
      "$CP_SCRIPT_DIR/stop.sh" || true
    fi
  fi
}
trap on_exit EXIT

# --- ports ------------------------------------------------------------------------------------
pick_port() { # pick_port VAR_FROM_ENV DEFAULT_START
  local fixed="$1" start="$2"
  if [ -n "$fixed" ]; then
    cp_port_in_use "$fixed" && cp_die "port 127.0.0.1:$fixed is already in use"
    printf '%s' "$fixed"
  else
    cp_free_port "$start"
  fi
}
ETCD_PORT="$(pick_port "${KUBEPATH_CP_ETCD_PORT:-}" 23790)"
ETCD_PEER_PORT="$(cp_free_port $((ETCD_PORT + 1)))"
APISERVER_PORT="$(pick_port "${KUBEPATH_CP_APISERVER_PORT:-}" 26443)"
KCM_PORT="$(pick_port "${KUBEPATH_CP_KCM_PORT:-}" 20257)"
SCHEDULER_PORT="$(pick_port "${KUBEPATH_CP_SCHEDULER_PORT:-}" 20259)"
[ "$SCHEDULER_PORT" != "$KCM_PORT" ] || SCHEDULER_PORT="$(cp_free_port $((KCM_PORT + 1)))"
SERVICE_CIDR="${KUBEPATH_CP_SERVICE_CIDR:-10.96.0.0/16}"
POD_CIDR="${KUBEPATH_CP_POD_CIDR:-10.244.0.0/16}"

# First usable address of the service CIDR = ClusterIP of default/kubernetes (a SAN of the apiserver cert).
svc_base="${SERVICE_CIDR%/*}"
KUBERNETES_SVC_IP="${svc_base%.*}.$((${svc_base##*.} + 1))"

{
  echo "# Written by scripts/controlplane/start.sh — sourced by apiserver.sh / stop.sh / status.sh / tests."
  for v in ETCD_PORT ETCD_PEER_PORT APISERVER_PORT KCM_PORT SCHEDULER_PORT SERVICE_CIDR POD_CIDR \
    CP_BIN_DIR K8S_VERSION; do
    printf '%s=%q\n' "$v" "${!v}"
  done
} >"$CP_DIR/state.env"

# --- PKI (openssl) ----------------------------------------------------------------------------
PKI="$CP_DIR/pki"
cat >"$PKI/openssl.cnf" <<EOF
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ ca_ext ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign, digitalSignature
subjectKeyIdentifier = hash
[ client_ext ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
[ server_ext ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost, IP:$KUBERNETES_SVC_IP, DNS:kubernetes, DNS:kubernetes.default, DNS:kubernetes.default.svc, DNS:kubernetes.default.svc.cluster.local
EOF

ossl() { openssl "$@" 2>>"$CP_DIR/logs/openssl.log" || cp_die "openssl $1 failed (see $CP_DIR/logs/openssl.log)"; }

ossl genrsa -out "$PKI/ca.key" 2048
ossl req -x509 -new -key "$PKI/ca.key" -sha256 -days 3650 -subj "/CN=kubepath-cp-ca" \
  -config "$PKI/openssl.cnf" -extensions ca_ext -out "$PKI/ca.crt"

# Front-proxy (request-header) CA, as kubeadm sets up: the controllers' delegated authentication
# reads it from kube-system/extension-apiserver-authentication and logs errors when it is absent.
ossl genrsa -out "$PKI/front-proxy-ca.key" 2048
ossl req -x509 -new -key "$PKI/front-proxy-ca.key" -sha256 -days 3650 -subj "/CN=kubepath-cp-front-proxy-ca" \
  -config "$PKI/openssl.cnf" -extensions ca_ext -out "$PKI/front-proxy-ca.crt"

# issue NAME SUBJECT EXT [CA]
issue() {
  local ca="${4:-ca}"
  ossl genrsa -out "$PKI/$1.key" 2048
  ossl req -new -key "$PKI/$1.key" -subj "$2" -config "$PKI/openssl.cnf" -out "$PKI/$1.csr"
  ossl x509 -req -in "$PKI/$1.csr" -CA "$PKI/$ca.crt" -CAkey "$PKI/$ca.key" -set_serial "0x$(openssl rand -hex 12)" \
    -days 3650 -sha256 -extfile "$PKI/openssl.cnf" -extensions "$3" -out "$PKI/$1.crt"
  rm -f "$PKI/$1.csr"
}
issue front-proxy-client "/CN=front-proxy-client" client_ext front-proxy-ca
issue apiserver "/CN=kube-apiserver" server_ext
issue admin "/O=system:masters/CN=kubepath-admin" client_ext
issue kube-controller-manager "/CN=system:kube-controller-manager" client_ext
issue kube-scheduler "/CN=system:kube-scheduler" client_ext
# kwok plays the kubelet for every fake node (node status, leases, pod status, pod deletion);
# a system:masters identity keeps it simple.
issue kwok "/O=system:masters/CN=kwok-controller" client_ext
# Service-account token signing key pair.
ossl genrsa -out "$PKI/sa.key" 2048
ossl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub"
chmod 600 "$PKI"/*.key

# write_kubeconfig FILE USER — certificates embedded, so the file is self-contained.
b64() { base64 -w0 <"$1"; }
write_kubeconfig() {
  cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: kubepath-cp
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority-data: $(b64 "$PKI/ca.crt")
users:
- name: $2
  user:
    client-certificate-data: $(b64 "$PKI/$2.crt")
    client-key-data: $(b64 "$PKI/$2.key")
contexts:
- name: kubepath-cp
  context:
    cluster: kubepath-cp
    user: $2
    namespace: default
current-context: kubepath-cp
EOF
  chmod 600 "$1"
}
write_kubeconfig "$CP_DIR/kubeconfig" admin
write_kubeconfig "$CP_DIR/kube-controller-manager.kubeconfig" kube-controller-manager
write_kubeconfig "$CP_DIR/kube-scheduler.kubeconfig" kube-scheduler
write_kubeconfig "$CP_DIR/kwok.kubeconfig" kwok

# --- etcd -------------------------------------------------------------------------------------
cp_start_process etcd \
  --name=kubepath \
  --data-dir="$CP_DIR/etcd" \
  --listen-client-urls="http://127.0.0.1:$ETCD_PORT" \
  --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster="kubepath=http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster-state=new \
  --auto-compaction-retention=1 \
  --unsafe-no-fsync=true \
  --log-level=warn
cp_wait_http etcd "http://127.0.0.1:$ETCD_PORT/health" '"health":"true"'
cp_log "etcd healthy on 127.0.0.1:$ETCD_PORT"

# --- kube-apiserver ---------------------------------------------------------------------------
cp_start_apiserver
cp_wait_readyz "$TIMEOUT"
cp_log "kube-apiserver ready on https://127.0.0.1:$APISERVER_PORT (/readyz ok)"

# --- kube-controller-manager ------------------------------------------------------------------
cp_start_controller_manager
cp_log "kube-controller-manager healthy on 127.0.0.1:$KCM_PORT"

# --- kube-scheduler ---------------------------------------------------------------------------
cp_start_scheduler
cp_log "kube-scheduler healthy on 127.0.0.1:$SCHEDULER_PORT"

# --- kwok (fake kubelet) ----------------------------------------------------------------------
cp "$STAGES" "$CP_DIR/kwok/kwok.yaml"
cp_start_kwok

# --- final checks -----------------------------------------------------------------------------
# Pods can only be created once the ServiceAccount controller made default/default.
ADMIN_CURL=(--cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key")
cp_wait_http kube-controller-manager \
  "https://127.0.0.1:$APISERVER_PORT/api/v1/namespaces/default/serviceaccounts/default" \
  200 -o /dev/null -w '%{http_code}' "${ADMIN_CURL[@]}"
sleep 1
cp_is_running kwok || { tail -n 30 "$CP_DIR/logs/kwok.log" >&2; cp_die "kwok exited during startup (log: $CP_DIR/logs/kwok.log)"; }
cp_log "kwok running (manages Nodes annotated kwok.x-k8s.io/node=fake)"

cat >"$CP_DIR/env.sh" <<EOF
export KUBECONFIG='$CP_DIR/kubeconfig'
export PATH='$CP_BIN_DIR':"\$PATH"
EOF

started_ok=1
cp_log "control plane up in $(cp_fmt_secs $(($(date +%s) - T0))) (kubernetes $K8S_VERSION)"
cp_log "  kubeconfig: $CP_DIR/kubeconfig   (source $CP_DIR/env.sh for KUBECONFIG + kubectl on PATH)"
cp_log "  apiserver:  https://127.0.0.1:$APISERVER_PORT   etcd: http://127.0.0.1:$ETCD_PORT"
