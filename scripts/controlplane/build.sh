#!/usr/bin/env bash
# Builds a real Kubernetes control plane from Go modules into a version-keyed cache outside the repo:
#   ${KUBEPATH_CACHE:-$HOME/.cache/kubepath}/controlplane/<k8s>-etcd<ver>-kwok<ver>/bin/
#     kwok etcd kube-apiserver kube-controller-manager kube-scheduler kubectl
#
# Idempotent: a binary that exists and reports the pinned version via --version is skipped.
# Kubernetes binaries (and etcd) are built through a wrapper go.mod whose replace list is derived
# from the exact k8s.io/kubernetes go.mod (every `k8s.io/X => ./staging/...` becomes
# `k8s.io/X => k8s.io/X v0.Y.Z`). kwok is `go install`ed.
#
# Env: KUBEPATH_CACHE (cache root), KUBEPATH_K8S_VERSION / KUBEPATH_ETCD_VERSION /
# KUBEPATH_KWOK_VERSION (override versions.env), GOFLAGS (default -p=2), KUBEPATH_BUILD_NICE
# (default 19). GOMODCACHE / GOCACHE are Go's defaults unless you set them.
set -euo pipefail

# shellcheck source=lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

export GOTOOLCHAIN=local
export CGO_ENABLED=0
export GOFLAGS="${GOFLAGS:--p=2}"
export GOWORK=off
unset GOBIN

# Be a good neighbour on a shared machine: everything below inherits this priority.
renice -n "${KUBEPATH_BUILD_NICE:-19}" -p $$ >/dev/null 2>&1 || true
ionice -c 3 -p $$ >/dev/null 2>&1 || true

command -v go >/dev/null 2>&1 || cp_die "go is not on PATH (Go >= 1.26 is required)"
for t in jq flock awk; do command -v "$t" >/dev/null 2>&1 || cp_die "$t is required by build.sh"; done
GO_VER="$(go env GOVERSION 2>/dev/null || true)"
case "$GO_VER" in
  go1.2[6-9]* | go1.[3-9][0-9]* | go[2-9]*) ;;
  *) cp_die "Go >= 1.26 is required (k8s $K8S_VERSION and kwok $KWOK_VERSION need go 1.26.0); found '${GO_VER:-none}'" ;;
esac

mkdir -p "$CP_BIN_DIR"
cd "$CP_BUILD_DIR" # neutral working dir: no surrounding go.mod / go.work can interfere
exec 9>"$CP_BUILD_DIR/.build.lock"
if ! flock -n 9; then
  cp_log "another build.sh holds $CP_BUILD_DIR/.build.lock; waiting for it"
  flock 9
fi

TOTAL_START=$(date +%s)
cp_log "cache: $CP_BUILD_DIR"
cp_log "versions: kubernetes $K8S_VERSION, etcd $ETCD_VERSION, kwok $KWOK_VERSION ($GO_VER, GOFLAGS=$GOFLAGS)"

need=()
for b in "${CP_BINARIES[@]}"; do
  if cp_binary_ok "$b"; then
    cp_log "$b already built: $(cp_binary_version "$b")"
  else
    need+=("$b")
  fi
done
if [ ${#need[@]} -eq 0 ] && [ -s "$CP_BUILD_DIR/kwok-stages.yaml" ]; then
  cp_log "all ${#CP_BINARIES[@]} binaries present in $CP_BIN_DIR; nothing to do"
  exit 0
fi

needs() {
  local x
  for x in "${need[@]+"${need[@]}"}"; do [ "$x" = "$1" ] && return 0; done
  return 1
}

CURRENT_STEP="setup"
on_exit() {
  local rc=$?
  if [ "$rc" -ne 0 ]; then
    printf '[controlplane] ERROR: build failed during: %s (exit %s). See the output above.\n' "$CURRENT_STEP" "$rc" >&2
  fi
}
trap on_exit EXIT

# ---------------------------------------------------------------------------------------------
# Wrapper module for the k8s.io/kubernetes commands (and etcd, when it is the version k8s pins).
# ---------------------------------------------------------------------------------------------
WRAP="$CP_BUILD_DIR/wrapper"
ETCD_WRAP="$CP_BUILD_DIR/wrapper-etcd"
ETCD_IN_K8S_WRAPPER=0
K8S_CMDS=(kube-apiserver kube-controller-manager kube-scheduler kubectl)

need_k8s=0
for b in "${K8S_CMDS[@]}"; do
  if needs "$b"; then need_k8s=1; fi
done

# mod_download_field MODULE@VERSION FIELD — `go mod download -json` and print one field
# (GoMod, Dir, …); dies with Go's own error text (e.g. "unknown revision") on failure.
mod_download_field() {
  local out err
  if ! out="$(go mod download -json "$1" 2>/dev/null)"; then
    err="$(printf '%s' "$out" | jq -r '.Error // empty' 2>/dev/null || true)"
    cp_die "go mod download $1 failed: ${err:-$out} (is the Go module proxy reachable?)"
  fi
  printf '%s' "$out" | jq -r ".$2 // empty"
}

prepare_k8s_wrapper() {
  local t0 k8s_gomod staging sv minor major etcd_pinned godebug n
  t0=$(date +%s)
  CURRENT_STEP="preparing wrapper module for k8s.io/kubernetes@$K8S_VERSION"
  cp_log "$CURRENT_STEP"

  k8s_gomod="$(mod_download_field "k8s.io/kubernetes@$K8S_VERSION" GoMod)"
  [ -f "$k8s_gomod" ] || cp_die "go mod download did not produce a go.mod for k8s.io/kubernetes@$K8S_VERSION"

  # Every module that upstream maps onto ./staging/ must be replaced by its published v0.Y.Z tag.
  staging="$(awk '
    /=>[ \t]*\.\/staging\// {
      line = $0; sub(/^[ \t]*replace[ \t]+/, "", line); sub(/^[ \t]+/, "", line)
      split(line, f, /[ \t]+/); print f[1]
    }' "$k8s_gomod" | sort -u)"
  n=$(printf '%s\n' "$staging" | grep -c . || true)
  [ "$n" -gt 0 ] || cp_die "found no './staging/' replace lines in $k8s_gomod"
  sv="v0.${K8S_VERSION#v1.}"
  cp_log "derived $n staging replaces from k8s.io/kubernetes@$K8S_VERSION go.mod (=> $sv)"

  # etcd: build it in this wrapper when the pinned version is the one k8s itself requires.
  etcd_pinned="$(awk '$1 == "go.etcd.io/etcd/server/v3" { print $2; exit }' "$k8s_gomod")"
  if [ "$etcd_pinned" = "$ETCD_VERSION" ]; then
    ETCD_IN_K8S_WRAPPER=1
  else
    cp_log "note: k8s $K8S_VERSION pins etcd ${etcd_pinned:-?}, versions.env asks for $ETCD_VERSION; etcd gets its own wrapper"
  fi

  rm -rf "$WRAP"
  mkdir -p "$WRAP"
  (
    cd "$WRAP"
    go mod init kubepath.local/controlplane-build >/dev/null 2>&1
    go mod edit -go="$(awk '$1 == "go" { print $2; exit }' "$k8s_gomod")"
    godebug="$(awk '$1 == "godebug" && $2 ~ /^default=/ { print $2; exit }' "$k8s_gomod")"
    [ -z "$godebug" ] || go mod edit -godebug="$godebug"
    go mod edit -require="k8s.io/kubernetes@$K8S_VERSION"
    args=()
    while IFS= read -r m; do
      [ -n "$m" ] && args+=("-replace=$m=$m@$sv")
    done <<<"$staging"
    go mod edit "${args[@]}"
    for c in "${K8S_CMDS[@]}"; do go mod edit -tool="k8s.io/kubernetes/cmd/$c"; done
    if [ "$ETCD_IN_K8S_WRAPPER" = 1 ]; then
      go mod edit -require="go.etcd.io/etcd/server/v3@$ETCD_VERSION" -tool=go.etcd.io/etcd/server/v3
    fi
    cp_log "go mod tidy (downloads the dependency modules on a cold cache)…"
    go mod tidy
  ) || cp_die "$CURRENT_STEP failed"
  # tidy must not have moved k8s.io/kubernetes off the pinned version
  got="$(cd "$WRAP" && go list -m -f '{{.Version}}' k8s.io/kubernetes)"
  [ "$got" = "$K8S_VERSION" ] || cp_die "wrapper resolved k8s.io/kubernetes $got, expected $K8S_VERSION"
  cp_log "wrapper module ready in $(cp_fmt_secs $(($(date +%s) - t0))) ($WRAP/go.mod)"
}

prepare_etcd_wrapper() {
  local t0
  t0=$(date +%s)
  CURRENT_STEP="preparing wrapper module for go.etcd.io/etcd/server/v3@$ETCD_VERSION"
  cp_log "$CURRENT_STEP"
  rm -rf "$ETCD_WRAP"
  mkdir -p "$ETCD_WRAP"
  (
    cd "$ETCD_WRAP"
    go mod init kubepath.local/etcd-build >/dev/null 2>&1
    go mod edit -require="go.etcd.io/etcd/server/v3@$ETCD_VERSION" -tool=go.etcd.io/etcd/server/v3
    go mod tidy
  ) || cp_die "$CURRENT_STEP failed"
  cp_log "etcd wrapper module ready in $(cp_fmt_secs $(($(date +%s) - t0)))"
}

if [ "$need_k8s" = 1 ] || needs etcd; then
  prepare_k8s_wrapper
fi
if needs etcd && [ "$ETCD_IN_K8S_WRAPPER" = 0 ]; then
  prepare_etcd_wrapper
fi

BUILD_DATE="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
KMAJOR="${K8S_VERSION#v}"; KMAJOR="${KMAJOR%%.*}"
KMINOR="${K8S_VERSION#v*.}"; KMINOR="${KMINOR%%.*}"
LDF="-s -w"
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  LDF="$LDF -X $p.gitVersion=$K8S_VERSION -X $p.gitMajor=$KMAJOR -X $p.gitMinor=$KMINOR"
  LDF="$LDF -X $p.gitTreeState=clean -X $p.buildDate=$BUILD_DATE"
done

TIMINGS=()
i=0
for b in "${CP_BINARIES[@]}"; do
  i=$((i + 1))
  needs "$b" || continue
  CURRENT_STEP="building $b ($i/${#CP_BINARIES[@]})"
  cp_log "$CURRENT_STEP…"
  t0=$(date +%s)
  tmp="$CP_BIN_DIR/.$b.tmp"
  rm -rf "$tmp"
  case "$b" in
    kwok)
      # `go install pkg@version` ignores any surrounding module; run it from a neutral dir.
      mkdir -p "$tmp"
      (cd "$tmp" && GOBIN="$tmp" go install -trimpath -ldflags "-s -w" \
        "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION") || cp_die "go install sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION failed"
      mv -f "$tmp/kwok" "$CP_BIN_DIR/kwok"
      rm -rf "$tmp"
      ;;
    etcd)
      if [ "$ETCD_IN_K8S_WRAPPER" = 1 ]; then dir="$WRAP"; else dir="$ETCD_WRAP"; fi
      (cd "$dir" && go build -trimpath -ldflags "-s -w" -o "$tmp" go.etcd.io/etcd/server/v3) ||
        cp_die "go build go.etcd.io/etcd/server/v3@$ETCD_VERSION failed"
      mv -f "$tmp" "$CP_BIN_DIR/etcd"
      ;;
    *)
      (cd "$WRAP" && go build -trimpath -ldflags "$LDF" -o "$tmp" "k8s.io/kubernetes/cmd/$b") ||
        cp_die "go build k8s.io/kubernetes/cmd/$b@$K8S_VERSION failed"
      mv -f "$tmp" "$CP_BIN_DIR/$b"
      ;;
  esac
  dt=$(($(date +%s) - t0))
  cp_binary_ok "$b" || cp_die "$b was built but '$b --version' does not report $(cp_expected_version "$b"): '$(cp_binary_version "$b" || true)'"
  cp_log "built $b in $(cp_fmt_secs "$dt"): $(cp_binary_version "$b")"
  TIMINGS+=("$b=$(cp_fmt_secs "$dt")")
done

# kwok itself ships no default Stages (kwokctl writes them into its config). Extract the exact
# defaults kwokctl uses from the same kwok module version: node-initialize, node heartbeat with
# lease, pod ready/complete/delete. start.sh passes this file to kwok via --config.
if [ ! -s "$CP_BUILD_DIR/kwok-stages.yaml" ]; then
  CURRENT_STEP="extracting default kwok stages from sigs.k8s.io/kwok@$KWOK_VERSION"
  cp_log "$CURRENT_STEP"
  kdir="$(cd "$CP_BUILD_DIR" && mod_download_field "sigs.k8s.io/kwok@$KWOK_VERSION" Dir)"
  [ -n "$kdir" ] && [ -d "$kdir/kustomize/stage" ] || cp_die "could not locate sigs.k8s.io/kwok@$KWOK_VERSION sources"
  {
    printf '# Default kwok Stages, copied from sigs.k8s.io/kwok@%s kustomize/stage/ by build.sh\n' "$KWOK_VERSION"
    for f in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
      pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
      [ -f "$kdir/kustomize/stage/$f" ] || cp_die "missing $kdir/kustomize/stage/$f"
      printf -- '---\n'
      cat "$kdir/kustomize/stage/$f"
    done
  } >"$CP_BUILD_DIR/kwok-stages.yaml.tmp"
  mv -f "$CP_BUILD_DIR/kwok-stages.yaml.tmp" "$CP_BUILD_DIR/kwok-stages.yaml"
fi

CURRENT_STEP="done"
TOTAL=$(($(date +%s) - TOTAL_START))
[ ${#TIMINGS[@]} -eq 0 ] || cp_log "timings: ${TIMINGS[*]}"
cp_log "total build time $(cp_fmt_secs "$TOTAL"); binaries in $CP_BIN_DIR ($(du -sh "$CP_BIN_DIR" | cut -f1))"
