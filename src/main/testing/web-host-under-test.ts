// A web host for tests: the test token, a free port on 127.0.0.1 unless told otherwise, closed by
// cleanupFixtures (before the engine and temp directories made earlier in the test).
import { startWebHost, type WebHost, type WebHostOptions } from '../host/web/web-host.ts';
import { onCleanup } from './fixtures.ts';

export const TEST_TOKEN = 'test-token-0123456789';

export async function startTestWebHost(options: Omit<WebHostOptions, 'token'>): Promise<WebHost> {
  const host = await startWebHost({ port: 0, token: TEST_TOKEN, ...options });
  onCleanup(() => host.close());
  return host;
}
