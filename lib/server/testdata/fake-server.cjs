// Stands in for Next's standalone server.js in lib/server/serve.test.ts: creates its server the way
// Next does (http.createServer(listener), listening on HOSTNAME:PORT) and answers with what it was
// given — the headers, the serve.mjs record of the request, and the body size it read.
const http = require('http');
const STATE = Symbol.for('kubepath.server');
const server = http.createServer((req, res) => {
  if (req.url === '/early-413') {
    // A route that refuses the request without reading its body: Node discards the body, unseen by serve.mjs.
    res.writeHead(413, { 'content-type': 'application/json' });
    res.end('{"error":"too large for this route"}');
    return;
  }
  let size = 0;
  req.on('data', (c) => (size += c.length));
  req.on('end', () => {
    const id = req.headers['x-kubepath-request-id'];
    const record = globalThis[STATE]?.requests.get(id) ?? null;
    if (record && req.headers['x-test-user']) record.user = req.headers['x-test-user'];
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ headers: req.headers, record, size, rss: process.memoryUsage().rss }));
  });
});
server.listen(Number(process.env.PORT), process.env.HOSTNAME, () => console.error(`listening ${process.env.HOSTNAME}:${process.env.PORT}`));
