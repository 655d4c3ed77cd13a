# syntax=docker/dockerfile:1
# kubepath's container image: Next.js's standalone server (next.config.ts `output: 'standalone'`).
#   docker build -t kubepath:0.1.0 .
# The final stage holds Node.js, the traced server files, the static assets and scripts/serve.mjs — no
# npm, no shell, no compiler, no dev dependencies — and runs as a non-root user on a read-only root filesystem (the chart
# mounts emptyDirs at /tmp and /app/.next/cache). The tests cannot build images on their machines: the
# SSO end-to-end test (e2e/sso/) assembles the same /app from .next/standalone as the COPY lines below
# do, then runs this file's final-stage ENTRYPOINT/CMD with its WORKDIR, USER and ENV (parsed from here).

# --- dependencies (all of them: the build needs the dev dependencies) ---
FROM node:20-bookworm-slim AS deps
WORKDIR /src
COPY package.json package-lock.json ./
# `npm install`, as .ci/run: the lock records only this registry's platform packages.
RUN npm install --no-audit --no-fund

# --- build ---
FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npx next build

# --- runtime: distroless Node.js (no package manager, no shell), non-root ---
FROM gcr.io/distroless/nodejs20-debian12:nonroot AS runtime
WORKDIR /app
# No KUBEPATH_AUTH here: unconfigured, kubepath listens on 127.0.0.1 only (scripts/serve.mjs); the chart
# sets the auth mode, and with it kubepath listens on every address of the pod.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000
COPY --from=build --chown=0:0 /src/.next/standalone ./
COPY --from=build --chown=0:0 /src/.next/static ./.next/static
COPY --from=build --chown=0:0 /src/public ./public
# The production entry: wraps server.js (peer address, access log, body limit, listen-address check).
COPY --from=build --chown=0:0 /src/scripts/serve.mjs ./serve.mjs
# distroless's "nonroot" user; files stay owned by root, so the server cannot change its own code.
USER 65532:65532
EXPOSE 3000
ENTRYPOINT ["/nodejs/bin/node"]
CMD ["serve.mjs"]
