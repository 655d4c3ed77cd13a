import type { NextConfig } from 'next';

/** Next.js configuration: standalone output so the Helm chart can ship a small image. */
const nextConfig: NextConfig = {
  output: 'standalone',
  poweredByHeader: false,
  // The CLI and the engine are plain TypeScript; keep node-only modules out of the client bundle.
  serverExternalPackages: ['@kubernetes/client-node'],
};

export default nextConfig;
