// The demo shop API: health and version endpoints, so the cockpit has a real service to watch.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8080);
const version = process.env.APP_VERSION ?? '1.0.0';
const environment = process.env.APP_ENV ?? 'local';
const startedAt = new Date().toISOString();

export const server = createServer((req, res) => {
  const json = (status, body) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-app-version': version });
    res.end(JSON.stringify(body));
  };
  // The pid lets scripts/stop-environments.js stop exactly the instance that answers on a port.
  if (req.url === '/health')
    return json(200, { status: 'ok', environment, version, startedAt, pid: process.pid });
  if (req.url === '/version') return json(200, { version, environment });
  if (req.url === '/products') return json(200, [{ id: 1, name: 'Rubber duck', price: 4.5 }]);
  return json(404, { error: 'not found' });
});

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  server.listen(port, '127.0.0.1', () => console.log(`shop-api ${version} (${environment}) on :${port}`));
}
