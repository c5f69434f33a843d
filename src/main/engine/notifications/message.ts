// What a notification says, once for every channel: a headline, a sentence, and facts. The channel
// files only lay it out (Slack blocks, a Teams card, an email, plain JSON).
import type { NotificationEvent } from './outbox.ts';

export interface NotificationMessage extends NotificationEvent {
  title: string;
  text: string;
  facts: { name: string; value: string }[];
  /** For approval requests: who may approve (empty: anyone). */
  approvers: string[];
  /** good / warning / bad: the colour chat channels give it. */
  tone: 'good' | 'warning' | 'bad' | 'neutral';
}

export function renderMessage(event: NotificationEvent, approvers: string[] = []): NotificationMessage {
  const where = event.environment ?? 'an environment';
  const what = `${event.projectName}${event.version ? ` ${event.version}` : ''}`;
  const by = event.actor ? ` by ${event.actor}` : '';
  let title: string;
  let text: string;
  let tone: NotificationMessage['tone'] = 'neutral';
  switch (event.event) {
    case 'deploy.started':
      title =
        event.kind === 'rollback'
          ? `Rolling ${where} (${event.projectName}) back to ${event.version ?? '?'}`
          : `Deploying ${what} to ${where}`;
      text = `Started${by}.`;
      break;
    case 'deploy.succeeded':
      title = `${what} is live in ${where}`;
      text = `Deployed${by}${event.kind === 'promote' ? ' (promoted)' : ''}.`;
      tone = 'good';
      break;
    case 'deploy.failed':
      title = `Deploying ${what} to ${where} failed`;
      text = event.detail ? `${capitalize(event.detail)}.` : 'The deployment failed.';
      tone = 'bad';
      break;
    case 'deploy.rolled_back':
      title = `${where} (${event.projectName}) rolled back to ${event.version ?? '?'}`;
      text = `Rolled back${by}.`;
      tone = 'warning';
      break;
    case 'approval.requested':
      title = `Approval needed: ${what} to ${where}`;
      text =
        `Requested${by}; ` +
        (approvers.length > 0 ? `waiting for one of: ${approvers.join(', ')}.` : 'anyone may approve.');
      tone = 'warning';
      break;
    case 'approval.given':
      title = `Approved: ${what} to ${where}`;
      text = `Approved${by}${event.detail ? `: “${event.detail}”` : '.'}`;
      tone = 'good';
      break;
    case 'incident.opened':
      title = `${where} (${event.projectName}) is down`;
      text = event.detail ?? 'Checks are failing.';
      tone = 'bad';
      break;
    case 'incident.resolved':
      title = `${where} (${event.projectName}) recovered`;
      text = event.detail ? `Back up after being ${event.detail}.` : 'Back up.';
      tone = 'good';
      break;
    case 'freeze.started':
      title = `Deploy freeze started in ${where} (${event.projectName})`;
      text = event.detail ? `${capitalize(event.detail)}.` : 'Deploys are frozen.';
      tone = 'warning';
      break;
  }
  const facts = [
    { name: 'Project', value: event.projectName },
    ...(event.environment ? [{ name: 'Environment', value: event.environment }] : []),
    ...(event.version ? [{ name: 'Version', value: event.version }] : []),
    ...(event.actor ? [{ name: 'By', value: event.actor }] : []),
    ...(event.deploymentId !== null ? [{ name: 'Deployment', value: `#${event.deploymentId}` }] : []),
    ...(approvers.length > 0 ? [{ name: 'Approvers', value: approvers.join(', ') }] : []),
    { name: 'When', value: new Date(event.at).toISOString() },
  ];
  return { ...event, title, text, facts, approvers, tone };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
