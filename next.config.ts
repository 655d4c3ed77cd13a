import type { NextConfig } from 'next';
import { API_CSP, STATIC_SCRIPT_CSP, STATIC_SECURITY_HEADERS } from './lib/server/security-headers';

const asList = (h: Record<string, string>) => Object.entries(h).map(([key, value]) => ({ key, value }));
/** Responses that are data, never to be stored by a browser or a shared cache. */
const DATA_ROUTES = ['/api/:path*', '/healthz', '/readyz', '/metrics'];

/** Next.js configuration: standalone output so the Helm chart can ship a small image. */
const nextConfig: NextConfig = {
  output: 'standalone',
  poweredByHeader: false,
  // The CLI and the engine are plain TypeScript; keep node-only modules out of the client bundle.
  serverExternalPackages: ['@kubernetes/client-node'],
  experimental: {
    // proxy.ts does not read bodies and does not run for /api; keep what Next buffers for it small anyway.
    proxyClientMaxBodySize: '64kb',
  },
  async headers() {
    return [
      // Every response; pages get their nonce CSP from proxy.ts, everything else the policy that allows nothing.
      { source: '/:path*', headers: asList(STATIC_SECURITY_HEADERS) },
      ...[...DATA_ROUTES, '/theme-init.js', '/favicon.ico'].map((source) => ({
        source,
        headers: [{ key: 'Content-Security-Policy', value: API_CSP }],
      })),
      // The app's own chunks: a Web Worker started from one runs under this policy and loads further chunks.
      { source: '/_next/static/:path*', headers: [{ key: 'Content-Security-Policy', value: STATIC_SCRIPT_CSP }] },
      ...DATA_ROUTES.map((source) => ({ source, headers: [{ key: 'Cache-Control', value: 'no-store' }] })),
    ];
  },
};

export default nextConfig;
