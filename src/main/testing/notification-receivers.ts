// Real receivers on 127.0.0.1 for the notification tests: an HTTP webhook receiver whose behaviour
// a test switches (answer, fail with 500, hang, go down) and a real SMTP server (smtp-server), both
// closed by cleanupFixtures. Waiting is on what arrives, never on a sleep.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { onCleanup } from './fixtures.ts';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export type ReceiverMode = 'ok' | 'error500' | 'hang';

/** Resolves the first time `test` holds for the list, re-checked each time something arrives. */
function arrivals<T>() {
  const items: T[] = [];
  let waiters: { test: (items: T[]) => boolean; resolve: () => void }[] = [];
  return {
    items,
    push(item: T) {
      items.push(item);
      const ready = waiters.filter((waiter) => waiter.test(items));
      waiters = waiters.filter((waiter) => !ready.includes(waiter));
      for (const waiter of ready) waiter.resolve();
    },
    until: (test: (items: T[]) => boolean): Promise<T[]> => {
      if (test(items)) return Promise.resolve(items);
      return new Promise((resolve) => waiters.push({ test, resolve: () => resolve(items) }));
    },
  };
}

export async function webhookReceiver() {
  let mode: ReceiverMode = 'ok';
  const received = arrivals<Received>();
  /** Every request that reached the server, answered or not. */
  const hits = arrivals<string>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      hits.push(path);
      if (mode === 'hang') return; // never answers: the sender's time limit must end it
      if (mode === 'error500') {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('receiver exploded');
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // kept as text
      }
      received.push({ path, headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  onCleanup(close);
  return {
    port,
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    received: received.items,
    hits: hits.items,
    until: received.until,
    untilHits: hits.until,
    setMode(next: ReceiverMode) {
      mode = next;
    },
    /** Stops listening: later connections are refused. */
    close,
  };
}

/** A port nothing listens on (taken, then freed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ReceivedMail {
  from: string | null;
  to: string[];
  user: string | null;
  data: string;
}

/** A real SMTP server on 127.0.0.1, plain (no TLS), with a login when `password` is given. */
export async function smtpReceiver(options: { user?: string; password?: string } = {}) {
  const mails = arrivals<ReceivedMail>();
  const server = new SMTPServer({
    secure: false,
    disabledCommands: options.password === undefined ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: options.password === undefined,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          user: typeof session.user === 'string' ? session.user : null,
          data: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  server.on('error', () => {}); // a client hanging up mid-session is not the test's failure
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port, mails: mails.items, until: mails.until };
}
