// One `tcp:` check: can a connection to host:port be opened within the environment's timeout?
import { connect } from 'node:net';
import { environmentDefaults, type EnvironmentConfig, type TcpCheckConfig } from '../../config/index.ts';
import type { CheckResult } from './check-result.ts';
import { abortFailure, startDeadline } from './deadline.ts';
import { classifyNetworkError } from './probe-failure.ts';

export async function runTcpCheck(
  env: EnvironmentConfig,
  check: TcpCheckConfig,
  ctx: { signal?: AbortSignal },
): Promise<CheckResult> {
  const host = (check.host ?? new URL(env.url).hostname).replace(/^\[(.*)\]$/, '$1');
  const target = host.includes(':') ? `[${host}]:${check.port}` : `${host}:${check.port}`;
  const deadline = startDeadline(env.timeout ?? environmentDefaults.timeoutMs, ctx.signal);
  const base = { statusCode: null, certExpiresAt: null, exchange: null, secretValues: [] };
  try {
    const latencyMs = await connectOnce(host, check.port, target, deadline.signal);
    return { ...base, state: 'up', errorClass: null, error: null, latencyMs };
  } catch (error) {
    const failure = classifyNetworkError(error, target);
    return {
      ...base,
      state: 'down',
      errorClass: failure.errorClass,
      error: failure.message,
      latencyMs: null,
    };
  } finally {
    deadline.dispose();
  }
}

function connectOnce(host: string, port: number, target: string, signal: AbortSignal): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    if (signal.aborted) {
      reject(abortFailure(signal));
      return;
    }
    const started = performance.now();
    const socket = connect({ host, port });
    const done = (error: unknown, latency?: number) => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      if (error === null) resolve(latency!);
      else reject(classifyNetworkError(error, target));
    };
    const onAbort = () => done(abortFailure(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => done(null, performance.now() - started));
    socket.once('error', (error) => done(error));
  });
}
