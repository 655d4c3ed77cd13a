#!/usr/bin/env node
// A stand-in for an identity-aware proxy's signing service, for the jwt-mode browser tests: serves a
// JWKS on GET /jwks and mints assertions on POST /token (JSON: claims, aud, iss, expiresIn, otherKey),
// signed with the published key — or, with otherKey, with a key it never publishes. Listens on
// 127.0.0.1:$PORT. Test-only: nothing here is used by kubepath itself.
import { createServer } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

const port = Number(process.env.PORT);
const { publicKey, privateKey } = await generateKeyPair('RS256');
const other = (await generateKeyPair('RS256')).privateKey;
const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'stub-1', alg: 'RS256', use: 'sig' }] };

createServer(async (req, res) => {
  if (req.method === 'GET' && req.url === '/jwks') {
    res.setHeader('content-type', 'application/json');
    return res.end(JSON.stringify(jwks));
  }
  if (req.method === 'POST' && req.url === '/token') {
    let text = '';
    for await (const c of req) text += c;
    const o = JSON.parse(text || '{}');
    const jwt = await new SignJWT(o.claims ?? {})
      .setProtectedHeader({ alg: 'RS256', kid: 'stub-1' })
      .setSubject(o.claims?.sub ?? 'user-1')
      .setIssuer(o.iss ?? 'https://idp.test')
      .setAudience(o.aud ?? 'kubepath')
      .setIssuedAt(o.iat ?? Math.floor(Date.now() / 1000))
      .setExpirationTime(o.exp ?? '5m')
      .sign(o.otherKey ? other : privateKey);
    return res.end(jwt);
  }
  if (req.url === '/health') return res.end('ok');
  res.statusCode = 404;
  res.end();
}).listen(port, '127.0.0.1', () => console.log(`idp stub on 127.0.0.1:${port}`));
