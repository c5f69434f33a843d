// Lifecycle order and the release policy hash, from configs parsed by the real cockpit.yml schema.
import { describe, expect, it } from 'vitest';
import { cockpitConfigSchema, type CockpitConfig } from '../config/index.ts';
import {
  describePolicyChange,
  lifecycleOf,
  nextEnvironment,
  previousEnvironment,
  releasePolicy,
} from './lifecycle.ts';

function config(input: Record<string, unknown>): CockpitConfig {
  return cockpitConfigSchema.parse({ version: 1, ...input });
}

interface EnvInput {
  name: string;
  url: string;
  tier?: string;
  gates?: Record<string, unknown>;
  [key: string]: unknown;
}

const env = (name: string, tier?: string, extra: Record<string, unknown> = {}): EnvInput => ({
  name,
  url: `https://${name}.example.invalid`,
  ...(tier ? { tier } : {}),
  ...extra,
});

const job = { jobs: { build: { run: 'make' } } };

/** Environments in a deliberately jumbled file order, with gates and two deploy pipelines. */
function shopConfig(overrides: { approvals?: number } = {}) {
  return {
    environments: [
      env('prod', 'production', {
        gates: {
          pipeline_passed: 'ci',
          approvals: overrides.approvals ?? 1,
          freeze: [{ weekdays: ['fri'], from: '16:00', to: '23:59', timezone: 'Europe/Paris' }],
          soak: '1h',
        },
      }),
      env('qa', 'staging'),
      env('dev', 'development'),
      env('sandbox'),
      env('preview', 'development'),
      env('demo', 'other', { gates: { healthy_before: true } }),
    ],
    pipelines: {
      ci: job,
      'deploy-prod': { ...job, deploy: { environment: 'prod', verify_timeout: '5m' } },
      'deploy-any': {
        ...job,
        params: { target: { type: 'choice', options: ['dev', 'qa'] } },
        deploy: { environment_param: 'target' },
      },
    },
  };
}

describe('lifecycleOf', () => {
  it('orders environments by tier, keeping file order within a tier, without other tiers', () => {
    expect(lifecycleOf(config(shopConfig()))).toEqual(['dev', 'preview', 'qa', 'prod']);
  });

  it('uses the explicit lifecycle as written, including other-tier environments', () => {
    expect(lifecycleOf(config({ ...shopConfig(), lifecycle: ['sandbox', 'qa', 'prod'] }))).toEqual([
      'sandbox',
      'qa',
      'prod',
    ]);
  });

  it('is empty without environments', () => {
    expect(lifecycleOf(config({}))).toEqual([]);
    expect(lifecycleOf(config({ environments: [env('a'), env('b', 'other')] }))).toEqual([]);
  });

  it('steps forwards and backwards', () => {
    const lifecycle = ['dev', 'qa', 'prod'];
    expect(nextEnvironment(lifecycle, 'dev')).toBe('qa');
    expect(nextEnvironment(lifecycle, 'prod')).toBeNull();
    expect(nextEnvironment(lifecycle, 'sandbox')).toBeNull();
    expect(previousEnvironment(lifecycle, 'prod')).toBe('qa');
    expect(previousEnvironment(lifecycle, 'dev')).toBeNull();
    expect(previousEnvironment(lifecycle, 'sandbox')).toBeNull();
    expect(nextEnvironment([], 'dev')).toBeNull();
  });
});

describe('releasePolicy', () => {
  it('holds the lifecycle, environments with gates, and deploy pipelines only', () => {
    const { hash, policy } = releasePolicy(config(shopConfig()));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(policy).toEqual({
      lifecycle: ['dev', 'preview', 'qa', 'prod'],
      gates: {
        prod: {
          pipeline_passed: ['ci'],
          approvals: 1,
          freeze: [{ weekdays: ['fri'], from: '16:00', to: '23:59', timezone: 'Europe/Paris' }],
          soak: 3_600_000,
        },
        demo: { healthy_before: true },
      },
      deploy: {
        'deploy-prod': { environment: 'prod', verify_timeout: 300_000 },
        'deploy-any': { environment_param: 'target' },
      },
    });
  });

  it('hashes the same whatever the key order, and differently when a gate changes', () => {
    const base = releasePolicy(config(shopConfig())).hash;
    const reordered = shopConfig();
    const prod = reordered.environments[0]!;
    const shuffled = {
      pipelines: Object.fromEntries(Object.entries(reordered.pipelines).reverse()),
      environments: [
        {
          gates: Object.fromEntries(Object.entries(prod.gates!).reverse()),
          url: prod.url,
          tier: prod.tier,
          name: prod.name,
        },
        ...reordered.environments.slice(1),
      ],
    };
    expect(releasePolicy(config(shuffled)).hash).toBe(base);
    // "1h" and 3600 (seconds) are the same soak.
    const sameSoak = shopConfig();
    sameSoak.environments[0]!.gates!.soak = 3600;
    expect(releasePolicy(config(sameSoak)).hash).toBe(base);

    expect(releasePolicy(config(shopConfig({ approvals: 2 }))).hash).not.toBe(base);
    expect(releasePolicy(config({ ...shopConfig(), lifecycle: ['qa', 'prod'] })).hash).not.toBe(base);
  });

  it('ignores what is not policy: descriptions, checks, non-deploy pipelines', () => {
    const base = releasePolicy(config(shopConfig())).hash;
    const changed = shopConfig();
    changed.environments[1] = env('qa', 'staging', { description: 'QA', interval: '10s' });
    (changed.pipelines as Record<string, unknown>).lint = job;
    expect(releasePolicy(config(changed)).hash).toBe(base);
  });
});

describe('describePolicyChange', () => {
  it('describes changed gates, added and removed gates, deploys and the lifecycle', () => {
    const before = releasePolicy(config(shopConfig())).policy;
    const next = shopConfig({ approvals: 2 });
    const prodGates = next.environments[0]!.gates!;
    prodGates.soak = '2h';
    prodGates.approvers = ['ada', 'bob'];
    delete prodGates.freeze;
    next.environments[1] = env('qa', 'staging', { gates: { approvals: 1 } });
    next.environments[5] = env('demo', 'other');
    (next.pipelines['deploy-prod'] as Record<string, unknown>).deploy = { environment: 'prod' };
    const after = releasePolicy(config({ ...next, lifecycle: ['dev', 'qa', 'prod'] })).policy;

    expect(describePolicyChange(before, after)).toEqual([
      'lifecycle: dev → qa → prod (was dev → preview → qa → prod)',
      'prod: approvals 1 → 2',
      'prod: approvers none → ada, bob',
      'prod: freeze 1 window → none',
      'prod: soak 1h00m → 2h00m',
      'qa: gates added',
      'demo: gates removed',
      'pipeline deploy-prod: verify_timeout 5m00s → none',
    ]);
  });

  it('says a changed freeze window changed, and nothing for equal policies', () => {
    const before = releasePolicy(config(shopConfig())).policy;
    const next = shopConfig();
    next.environments[0]!.gates!.freeze = [
      { weekdays: ['fri'], from: '15:00', to: '23:59', timezone: 'Europe/Paris' },
    ];
    expect(describePolicyChange(before, releasePolicy(config(next)).policy)).toEqual([
      'prod: freeze changed',
    ]);
    expect(describePolicyChange(before, releasePolicy(config(shopConfig())).policy)).toEqual([]);
  });

  it('reads a stored policy from JSON, and treats a missing one as empty', () => {
    const after = releasePolicy(config(shopConfig())).policy;
    const stored = JSON.parse(JSON.stringify(after)) as Record<string, unknown>;
    expect(describePolicyChange(stored, after)).toEqual([]);
    expect(describePolicyChange({}, after)).toEqual([
      'lifecycle: dev → preview → qa → prod (was none)',
      'prod: gates added',
      'demo: gates added',
      'pipeline deploy-prod: deploy added',
      'pipeline deploy-any: deploy added',
    ]);
  });
});
