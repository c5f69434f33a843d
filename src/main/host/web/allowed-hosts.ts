// Which Host headers (and so which Origins) the web host answers to. On loopback only its own
// loopback names; bound elsewhere, also this machine's addresses and host names and whatever the user
// allowed by name (--allow-host). Anything else is refused, which is what defeats DNS rebinding: a page
// on evil.example whose name now points here still sends "Host: evil.example".
import { hostname, networkInterfaces } from 'node:os';
import { isIP } from 'node:net';

export interface HostAllowlist {
  /** Host header values, lower case: "127.0.0.1:4173", "[::1]:4173", "build-box:4173". */
  hosts: Set<string>;
  /** Origins allowed to call: exactly the pages this server serves. */
  origins: Set<string>;
  /** The URL to open on this machine. */
  localUrl: string;
  /** URLs to open from another machine (none on a loopback bind), addresses first. */
  remoteUrls: string[];
}

export interface HostAllowlistInput {
  bindHost: string;
  port: number;
  /** Extra names from --allow-host, e.g. a DNS name or a reverse proxy's. */
  allowHosts?: readonly string[];
  /** This machine's non-loopback addresses; defaults to those of its network interfaces. */
  addresses?: readonly string[];
  /** This machine's names; defaults to os.hostname() (and NAME.local for a bare name). */
  hostNames?: readonly string[];
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name);
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** A name as it appears in a Host header or URL: IPv6 addresses in brackets, lower case. */
function hostPart(name: string): string {
  const bare = name.replace(/^\[|\]$/g, '').toLowerCase();
  return isIP(bare) === 6 ? `[${bare}]` : bare;
}

/** A name the user may allow: a DNS name or an IP address, without port, scheme or wildcard. */
export function checkAllowHost(name: string): string | null {
  const bare = name.replace(/^\[|\]$/g, '');
  if (isIP(bare) !== 0) return null;
  if (
    name.length > 253 ||
    !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i.test(name)
  ) {
    return `"${name}" is not a host name (letters, digits, dots and dashes, e.g. cockpit.example.com; no port or scheme)`;
  }
  return null;
}

/** This machine's addresses that another machine could use: not loopback, not IPv6 link-local. */
export function machineAddresses(): string[] {
  const found: string[] = [];
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.internal) continue;
      if (entry.family === 'IPv6' && /^fe80:/i.test(entry.address)) continue;
      found.push(entry.address);
    }
  }
  // IPv4 first: that is what people type.
  return found.sort((a, b) => isIP(a) - isIP(b));
}

export function machineHostNames(): string[] {
  const name = hostname().toLowerCase();
  if (name === '' || name === 'localhost') return [];
  return name.includes('.') ? [name] : [name, `${name}.local`];
}

export function hostAllowlist(input: HostAllowlistInput): HostAllowlist {
  const { bindHost, port } = input;
  const loopback = isLoopbackHost(bindHost);
  const wildcard = isWildcard(bindHost);
  // What another machine may type: this machine's addresses (those the socket listens on) and names.
  const reachable: string[] = [];
  if (!loopback) {
    const addresses = wildcard ? (input.addresses ?? machineAddresses()) : [bindHost];
    for (const address of addresses) {
      // A 0.0.0.0 socket cannot be reached on an IPv6 address ("::" takes both).
      if (bindHost === '0.0.0.0' && isIP(address.replace(/^\[|\]$/g, '')) === 6) continue;
      reachable.push(hostPart(address));
    }
    reachable.push(...(input.hostNames ?? machineHostNames()).map(hostPart));
  }
  const extra = (input.allowHosts ?? []).map(hostPart);
  const local = loopback || !wildcard ? hostPart(bindHost) : '127.0.0.1';
  const names = new Set([...LOOPBACK_NAMES.map(hostPart), local, ...reachable, ...extra]);

  const hosts = new Set<string>();
  const origins = new Set<string>();
  for (const name of names) {
    hosts.add(`${name}:${port}`);
    origins.add(`http://${name}:${port}`);
    // Browsers leave out the default port.
    if (port === 80) {
      hosts.add(name);
      origins.add(`http://${name}`);
    }
  }
  const remote = loopback
    ? []
    : [...new Set([...reachable, ...extra])].filter((name) => !isLoopbackHost(name));
  return {
    hosts,
    origins,
    localUrl: `http://${local}:${port}/`,
    remoteUrls: remote.map((name) => `http://${name}:${port}/`),
  };
}
