#!/usr/bin/env bash
# `npm run test:live` — the live-cluster suite against a REAL control plane:
#   1. builds the control plane when its binaries are missing (scripts/controlplane/build.sh; cached,
#      ~9–15 min cold, ~2 s when cached), and helm + oauth2-proxy (scripts/tools/build.sh, cached),
#   2. starts it with fresh state in $KUBEPATH_CP_DIR (default: a new /tmp/kubepath-cp-live.XXXXXX),
#   3. builds the dashboard when the production build is missing or stale (next build),
#   4. runs the vitest live suite (vitest.live.config.ts; it includes the Helm chart tests), the Playwright
#      live suite (playwright.live.config.ts) and the SSO end-to-end test (scripts/test-sso.sh) — all,
#      even when one fails,
#   5. checks the network rule (test/controlplane/assert-loopback.sh),
#   6. always stops the control plane (trap), keeping its logs in test-results/live-controlplane-logs
#      when something failed.
# Env: KUBEPATH_CP_DIR (state dir; must be empty/absent or one start.sh created), KUBEPATH_LIVE_SKIP_E2E=1
# (vitest only), KUBEPATH_LIVE_SKIP_VITEST=1 (Playwright only), KUBEPATH_LIVE_SKIP_SSO=1 (no SSO test),
# KUBEPATH_LIVE_KEEP=1 (leave the control plane running for debugging; stop it with
# KUBEPATH_CP_DIR=… scripts/controlplane/stop.sh --purge).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 2
T0=$(date +%s)
log() { printf '[test-live] %s\n' "$*"; }
elapsed() { local s=$(($(date +%s) - $1)); printf '%dm%02ds' $((s / 60)) $((s % 60)); }

log "control plane binaries (builds them if missing; a cold build prints progress and takes ~9–15 min)"
t=$(date +%s)
bash scripts/controlplane/build.sh || { log "FAIL: control-plane build failed (see above)"; exit 1; }
log "binaries ready in $(elapsed "$t")"
log "helm and oauth2-proxy (scripts/tools/build.sh; cached)"
t=$(date +%s)
bash scripts/tools/build.sh || { log "FAIL: the tools build failed (see above)"; exit 1; }
log "tools ready in $(elapsed "$t")"

if [ -z "${KUBEPATH_CP_DIR:-}" ]; then
  KUBEPATH_CP_DIR="$(mktemp -d /tmp/kubepath-cp-live.XXXXXX)"
fi
export KUBEPATH_CP_DIR
rc_vitest=0
rc_e2e=0
rc_sso=0
rc_net=0
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ "$rc_vitest" != 0 ] || [ "$rc_e2e" != 0 ] || [ "$rc_sso" != 0 ] || [ "$rc_net" != 0 ] || [ "$rc" != 0 ]; then
    if [ -d "$KUBEPATH_CP_DIR/logs" ]; then
      rm -rf test-results/live-controlplane-logs
      mkdir -p test-results/live-controlplane-logs
      cp -r "$KUBEPATH_CP_DIR/logs/." test-results/live-controlplane-logs/ 2>/dev/null || true
      log "control-plane logs kept in test-results/live-controlplane-logs"
      # CI keeps only the console: the last errors of each component, to diagnose from there.
      for f in "$KUBEPATH_CP_DIR"/logs/*.log; do
        [ -f "$f" ] || continue
        log "last errors in $(basename "$f"):"
        grep -E '^[EF][0-9]{4} |level=error|"level":"error"|panic' "$f" | tail -n 8 | cut -c1-300 | sed 's/^/    /'
      done
    fi
  fi
  if [ "${KUBEPATH_LIVE_KEEP:-0}" = 1 ]; then
    log "KUBEPATH_LIVE_KEEP=1: control plane left running in $KUBEPATH_CP_DIR"
  else
    bash scripts/controlplane/stop.sh --purge >/dev/null 2>&1 || bash scripts/controlplane/stop.sh
    log "control plane stopped"
  fi
  log "total $(elapsed "$T0")"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "starting the control plane in $KUBEPATH_CP_DIR"
t=$(date +%s)
bash scripts/controlplane/start.sh || { log "FAIL: the control plane did not start"; exit 1; }
log "control plane up in $(elapsed "$t")"

# The dashboard (SSE test, Playwright) runs the production build; rebuild only when sources changed.
need_build() {
  [ -f .next/BUILD_ID ] || return 0
  [ -n "$(find app components lib public next.config.ts package.json package-lock.json postcss.config.mjs tsconfig.json \
    -type f -newer .next/BUILD_ID -not -name '*.test.ts' -print -quit 2>/dev/null)" ]
}
if [ "${KUBEPATH_LIVE_SKIP_E2E:-0}" != 1 ] || [ "${KUBEPATH_LIVE_SKIP_VITEST:-0}" != 1 ] ||
  [ "${KUBEPATH_LIVE_SKIP_SSO:-0}" != 1 ]; then
  if need_build; then
    log "building the dashboard (next build)"
    t=$(date +%s)
    NEXT_TELEMETRY_DISABLED=1 npx next build || { log "FAIL: next build failed"; exit 1; }
    log "dashboard built in $(elapsed "$t")"
  else
    log "dashboard build is current"
  fi
fi

if [ "${KUBEPATH_LIVE_SKIP_VITEST:-0}" != 1 ]; then
  log "vitest live suite"
  t=$(date +%s)
  npx vitest run -c vitest.live.config.ts
  rc_vitest=$?
  log "vitest live suite: exit $rc_vitest in $(elapsed "$t")"
fi

if [ "${KUBEPATH_LIVE_SKIP_E2E:-0}" != 1 ]; then
  log "Playwright live suite"
  t=$(date +%s)
  npx playwright test -c playwright.live.config.ts
  rc_e2e=$?
  log "Playwright live suite: exit $rc_e2e in $(elapsed "$t")"
fi

if [ "${KUBEPATH_LIVE_SKIP_SSO:-0}" != 1 ]; then
  # Needs no control plane (kubepath shows the demo cluster); runs here to share the build and the tools.
  log "SSO end-to-end suite (oauth2-proxy + OpenID Provider + kubepath as its image runs)"
  t=$(date +%s)
  bash scripts/test-sso.sh
  rc_sso=$?
  log "SSO end-to-end suite: exit $rc_sso in $(elapsed "$t")"
fi

# The network rule held throughout: nothing of the control plane talks to a fake (non-loopback) address.
bash test/controlplane/assert-loopback.sh
rc_net=$?

if [ "$rc_vitest" != 0 ] || [ "$rc_e2e" != 0 ] || [ "$rc_sso" != 0 ] || [ "$rc_net" != 0 ]; then
  log "FAIL (vitest $rc_vitest, playwright $rc_e2e, sso $rc_sso, loopback check $rc_net)"
  exit 1
fi
log "PASS"
exit 0
