// The demo shop API: health and version endpoints, so the cockpit has a real service to watch.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8080);
const version = process.env.APP_VERSION ?? '1.0.0';
const environment = process.env.APP_ENV ?? 'local';
const startedAt = new Date().toISOString();

const products = [
  { id: 1, name: 'Rubber duck', price: 4.5 },
  { id: 2, name: 'Teapot', price: 18 },
];

export const server = createServer((req, res) => {
  const json = (status, body) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-app-version': version });
    res.end(JSON.stringify(body));
  };
  if (req.url === '/health') {
    // The pid lets the demo's scripts stop exactly the instance that answers on a port.
    return json(200, {
      status: 'ok',
      environment,
      version,
      startedAt,
      uptimeSeconds: Math.round(process.uptime()),
      pid: process.pid,
    });
  }
  if (req.url === '/version') return json(200, { version, environment });
  if (req.url === '/products') return json(200, products);
  return json(404, { error: 'not found', path: req.url });
});

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  server.listen(port, '127.0.0.1', () => console.log(`shop-api ${version} (${environment}) on :${port}`));
}
