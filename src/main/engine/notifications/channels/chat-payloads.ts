// How each chat channel lays a message out: the generic webhook's JSON, a Slack incoming webhook's
// blocks, a Microsoft Teams (Workflows) Adaptive Card.
import type { NotificationMessage } from '../message.ts';

/** The generic webhook's body: stable field names, documented in docs/notifications.md. */
export function webhookPayload(message: NotificationMessage) {
  return {
    source: 'release-cockpit',
    event: message.event,
    project: message.projectName,
    projectId: message.projectId,
    environment: message.environment,
    version: message.version,
    deploymentId: message.deploymentId,
    kind: message.kind,
    actor: message.actor,
    at: new Date(message.at).toISOString(),
    title: message.title,
    text: message.text,
    detail: message.detail,
    approvers: message.approvers,
    facts: message.facts,
  };
}

const slackEmoji = { good: ':white_check_mark:', warning: ':warning:', bad: ':x:', neutral: ':rocket:' };

/** Slack's incoming webhook: `text` is the notification's fallback, the blocks what people see. */
export function slackPayload(message: NotificationMessage) {
  return {
    text: `${message.title}: ${message.text}`,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `${slackEmoji[message.tone]} *${slackEscape(message.title)}*\n${slackEscape(message.text)}`,
        },
      },
      {
        type: 'context',
        elements: message.facts.map((fact) => ({
          type: 'mrkdwn',
          text: `*${slackEscape(fact.name)}:* ${slackEscape(fact.value)}`,
        })),
      },
    ],
  };
}

/** Slack reads &, < and > as markup: names and versions are shown as written. */
function slackEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const teamsColor = { good: 'Good', warning: 'Warning', bad: 'Attention', neutral: 'Accent' };

/** A Teams incoming webhook (Workflows "post to a channel when a webhook request is received"). */
export function teamsPayload(message: NotificationMessage) {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            {
              type: 'TextBlock',
              text: message.title,
              weight: 'Bolder',
              size: 'Medium',
              wrap: true,
              color: teamsColor[message.tone],
            },
            { type: 'TextBlock', text: message.text, wrap: true },
            {
              type: 'FactSet',
              facts: message.facts.map((fact) => ({ title: fact.name, value: fact.value })),
            },
          ],
        },
      },
    ],
  };
}
