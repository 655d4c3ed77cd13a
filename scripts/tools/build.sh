#!/usr/bin/env bash
# Builds the pinned Go tools the deployment tests use into a version-keyed cache outside the repo:
#   ${KUBEPATH_CACHE:-$HOME/.cache/kubepath}/tools/helm-<version>/helm
#   ${KUBEPATH_CACHE:-$HOME/.cache/kubepath}/tools/oauth2-proxy-<version>/oauth2-proxy
# Both come from the Go module proxy with `go install pkg@version` (neither go.mod has replace directives).
# Idempotent: a binary that runs and reports its pinned version is skipped. Prints the time of each step.
# Prints nothing else on stdout when called with --print-env: then only the `export` lines for the paths
# (used by scripts/test-live.sh and the SSO test setup).
# Env: KUBEPATH_CACHE, KUBEPATH_HELM_VERSION, KUBEPATH_OAUTH2_PROXY_VERSION, GOFLAGS (default -p=2),
# KUBEPATH_BUILD_NICE (default 19).
set -euo pipefail

TOOLS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
. "$TOOLS_DIR/versions.env"
HELM_VERSION="${KUBEPATH_HELM_VERSION:-$HELM_VERSION}"
OAUTH2_PROXY_VERSION="${KUBEPATH_OAUTH2_PROXY_VERSION:-$OAUTH2_PROXY_VERSION}"
CACHE="${KUBEPATH_CACHE:-$HOME/.cache/kubepath}/tools"
HELM_BIN="$CACHE/helm-$HELM_VERSION/helm"
OAUTH2_PROXY_BIN="$CACHE/oauth2-proxy-$OAUTH2_PROXY_VERSION/oauth2-proxy"

log() { printf '[tools] %s\n' "$*" >&2; }
die() { printf '[tools] ERROR: %s\n' "$*" >&2; exit 1; }
fmt() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

export PATH="$PATH:/usr/local/go/bin"
export GOTOOLCHAIN=local CGO_ENABLED=0 GOWORK=off GOFLAGS="${GOFLAGS:--p=2}"
unset GOBIN
renice -n "${KUBEPATH_BUILD_NICE:-19}" -p $$ >/dev/null 2>&1 || true
ionice -c 3 -p $$ >/dev/null 2>&1 || true

# The version line each binary prints, or nothing when it does not run.
helm_version() { "$HELM_BIN" version --template '{{.Version}}' 2>/dev/null || true; }
oauth2_proxy_version() { "$OAUTH2_PROXY_BIN" --version 2>/dev/null || true; }

# go install PKG@VERSION into DIR, with the version stamped where the tool reads it.
install_tool() {
  local name="$1" pkg="$2" version="$3" dir="$4" ldflags="$5"
  local t tmp
  t=$(date +%s)
  mkdir -p "$dir"
  tmp="$(mktemp -d "$dir/.build.XXXXXX")"
  log "building $name $version ($pkg)"
  (cd "$tmp" && GOBIN="$tmp" go install -trimpath -ldflags "-s -w $ldflags" "$pkg@$version") ||
    { rm -rf "$tmp"; die "go install $pkg@$version failed (see above)"; }
  mv "$tmp/$name" "$dir/$name"
  rm -rf "$tmp"
  log "$name $version built in $(fmt $(($(date +%s) - t)))"
}

print_env=0
[ "${1:-}" = --print-env ] && print_env=1

T0=$(date +%s)
mkdir -p "$CACHE"
exec 9>"$CACHE/.build.lock"
flock 9

if [ "$(helm_version)" = "$HELM_VERSION" ]; then
  log "helm $HELM_VERSION already built: $HELM_BIN"
else
  command -v go >/dev/null 2>&1 || die "go is not on PATH (Go >= 1.26 is required)"
  # helm reads its version from internal/version (its Makefile stamps the same variables).
  install_tool helm helm.sh/helm/v3/cmd/helm "$HELM_VERSION" "$(dirname "$HELM_BIN")" \
    "-X helm.sh/helm/v3/internal/version.version=$HELM_VERSION -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
  [ "$(helm_version)" = "$HELM_VERSION" ] || die "built helm reports '$(helm_version)', not $HELM_VERSION"
fi

case "$(oauth2_proxy_version)" in
  *"${OAUTH2_PROXY_VERSION#v}"*) log "oauth2-proxy $OAUTH2_PROXY_VERSION already built: $OAUTH2_PROXY_BIN" ;;
  *)
    command -v go >/dev/null 2>&1 || die "go is not on PATH (Go >= 1.26 is required)"
    # oauth2-proxy prints pkg/version.VERSION (its Makefile stamps it the same way).
    install_tool oauth2-proxy github.com/oauth2-proxy/oauth2-proxy/v7 "$OAUTH2_PROXY_VERSION" \
      "$(dirname "$OAUTH2_PROXY_BIN")" "-X github.com/oauth2-proxy/oauth2-proxy/v7/pkg/version.VERSION=$OAUTH2_PROXY_VERSION"
    case "$(oauth2_proxy_version)" in
      *"${OAUTH2_PROXY_VERSION#v}"*) ;;
      *) die "built oauth2-proxy reports '$(oauth2_proxy_version)', not $OAUTH2_PROXY_VERSION" ;;
    esac
    ;;
esac

log "tools ready in $(fmt $(($(date +%s) - T0)))"
if [ "$print_env" = 1 ]; then
  printf 'export KUBEPATH_HELM=%q\n' "$HELM_BIN"
  printf 'export KUBEPATH_OAUTH2_PROXY=%q\n' "$OAUTH2_PROXY_BIN"
fi
