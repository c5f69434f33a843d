// The notifications section of cockpit.yml: what it accepts, and each mistake at file:line:col.
import { describe, expect, it } from 'vitest';
import { parseConfig } from './load-config.ts';

const FILE = '/repo/cockpit.yml';
const head = `version: 1
environments:
  - { name: production, url: http://127.0.0.1:1/ }
`;

function problems(text: string) {
  const result = parseConfig(head + text, FILE);
  expect(result.status).toBe('invalid');
  return result.problems.map((p) => `${p.line}:${p.col} ${p.message}`);
}

describe('notifications in cockpit.yml', () => {
  it('accepts every channel type, people and rules', () => {
    const result = parseConfig(
      `${head}notifications:
  channels:
    hook: { type: webhook, url_secret: HOOK_URL }
    slack: { type: slack, url_secret: SLACK_WEBHOOK_URL }
    teams: { type: teams, url_secret: TEAMS_WEBHOOK_URL }
    mail:
      type: email
      smtp: { host: smtp.example.com, port: 587, security: starttls, user: cockpit, password_secret: SMTP_PASSWORD }
      from: cockpit@example.com
      to: [ops@example.com]
  people: { alice: alice@example.com }
  rules:
    - { events: all, channels: [hook] }
    - { events: [deploy.failed, approval.requested], environments: [production], channels: [slack, teams, mail] }
`,
      FILE,
    );
    expect(result.status).toBe('ok');
  });

  it('refuses a URL written in the file: it belongs in the secret store', () => {
    expect(
      problems(`notifications:
  channels:
    slack: { type: slack, url: "https://hooks.slack.com/services/T/B/x" }
  rules: [{ events: all, channels: [slack] }]
`),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^6:32 notifications\.channels\.slack\.url: a webhook URL is a secret: store it with/,
        ),
      ]),
    );
  });

  it('names a rule’s unknown channel, environment or event where it is written', () => {
    expect(
      problems(`notifications:
  channels:
    hook: { type: webhook, url_secret: HOOK_URL }
  rules:
    - events: [deploy.failed]
      environments: [prod]
      channels: [hook, slak]
`),
    ).toEqual([
      '9:22 notifications.rules.0.environments.0: rule 1 names "prod", which is not an environment here (environments: production)',
      '10:24 notifications.rules.0.channels.1: rule 1 sends to "slak", which is not a channel under notifications.channels (channels: hook)',
    ]);
    expect(
      problems(`notifications:
  channels:
    hook: { type: webhook, url_secret: HOOK_URL }
  rules: [{ events: [deploy.exploded], channels: [hook] }]
`),
    ).toEqual([expect.stringMatching(/^7:22 .*deploy\.failed/)]);
  });
});
