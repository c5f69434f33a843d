// HTTP requests written byte for byte on a socket: request targets and headers that clients such as
// node:http would refuse or normalise (tabs, backslashes, "//"), to test what the server does with them.
import { connect } from 'node:net';

export interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A GET with the request line exactly as written (no client-side normalisation). */
export function rawGet(
  port: number,
  target: string,
  headers: Record<string, string> = {},
): Promise<RawReply> {
  return rawRequest(port, { method: 'GET', target, headers });
}

export interface RawRequest {
  method: string;
  target: string;
  /** Added to (and overriding) Host: 127.0.0.1:<port> and Connection: close. */
  headers?: Record<string, string>;
  body?: string;
}

/** Writes the request as given and reads the whole reply (the server closes the connection). */
export function rawRequest(port: number, request: RawRequest): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      const headers = { host: `127.0.0.1:${port}`, connection: 'close', ...request.headers };
      const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
      socket.write(
        `${request.method} ${request.target} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n${request.body ?? ''}`,
      );
    });
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (data += chunk));
    // A server that refuses the bytes may reset the connection: that is an answer too (status 0).
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
    });
    socket.on('close', () => {
      const split = data.indexOf('\r\n\r\n');
      const head = split === -1 ? data : data.slice(0, split);
      const body = split === -1 ? '' : data.slice(split + 4);
      const [statusLine = '', ...rest] = head.split('\r\n');
      const replyHeaders: Record<string, string> = {};
      for (const line of rest) {
        const colon = line.indexOf(':');
        if (colon > 0) replyHeaders[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1] ?? 0), headers: replyHeaders, body });
    });
  });
}
