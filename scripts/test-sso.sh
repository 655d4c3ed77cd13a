#!/usr/bin/env bash
# The SSO end-to-end test: builds the pinned tools when missing (scripts/tools/build.sh),
# builds the dashboard when its production build is missing or stale, then runs Playwright with
# playwright.sso.config.ts (OpenID Provider + kubepath as its image runs + oauth2-proxy, all on 127.0.0.1).
# scripts/test-live.sh runs it as one of its steps (so `npm test` does); it also runs on its own.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 2
log() { printf '[test-sso] %s\n' "$*"; }
elapsed() { local s=$(($(date +%s) - $1)); printf '%dm%02ds' $((s / 60)) $((s % 60)); }
T0=$(date +%s)

bash scripts/tools/build.sh || { log "FAIL: the tools did not build"; exit 1; }

if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib public next.config.ts package.json package-lock.json \
  postcss.config.mjs tsconfig.json -type f -newer .next/BUILD_ID -not -name '*.test.ts' -print -quit 2>/dev/null)" ]; then
  log "building the dashboard (next build)"
  NEXT_TELEMETRY_DISABLED=1 npx next build || { log "FAIL: next build failed"; exit 1; }
fi

log "Playwright SSO suite"
npx playwright test -c playwright.sso.config.ts
rc=$?
log "Playwright SSO suite: exit $rc in $(elapsed "$T0")"
exit "$rc"
