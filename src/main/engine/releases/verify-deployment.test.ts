// What counts as the environment reporting the deployed version.
import { describe, expect, it } from 'vitest';
import { reportsDeployed } from './verify-deployment.ts';

describe('reportsDeployed', () => {
  const deployment = { version: 'v1.2.0', commit: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678' };
  it('by version name, with or without the v, or by a commit prefix of 7 or more', () => {
    expect(reportsDeployed('1.2.0', deployment)).toBe(true);
    expect(reportsDeployed('v1.2.0', deployment)).toBe(true);
    expect(reportsDeployed('a1b2c3d', deployment)).toBe(true);
    expect(reportsDeployed('a1b2c3', deployment)).toBe(false);
    expect(reportsDeployed('1.1.0', deployment)).toBe(false);
  });
});
