// Which channels an event goes to (the project's `notifications.rules`), and to whom an email goes.
import type { NotificationChannelConfig, NotificationsConfig } from '../config/index.ts';
import type { NotificationMessage } from './message.ts';
import type { NotificationEvent } from './outbox.ts';

/** Each channel once, however many rules name it, in the order the rules name them. */
export function channelsFor(
  config: NotificationsConfig,
  event: Pick<NotificationEvent, 'event' | 'environment'>,
): { name: string; channel: NotificationChannelConfig }[] {
  const names = new Set<string>();
  for (const rule of config.rules) {
    if (rule.events !== 'all' && !rule.events.includes(event.event)) continue;
    if (rule.environments && (event.environment === null || !rule.environments.includes(event.environment))) {
      continue;
    }
    for (const name of rule.channels) names.add(name);
  }
  return [...names].flatMap((name) => {
    const channel = config.channels[name];
    return channel ? [{ name, channel }] : [];
  });
}

/** An email's recipients: the channel's `to`, and for an approval request the approvers' addresses. */
export function recipientsFor(
  channel: NotificationChannelConfig,
  message: Pick<NotificationMessage, 'event' | 'approvers'>,
  config: NotificationsConfig,
): string[] {
  if (channel.type !== 'email') return [];
  const recipients = new Set(channel.to ?? []);
  if (message.event === 'approval.requested') {
    for (const approver of message.approvers) {
      const address = config.people?.[approver] ?? (approver.includes('@') ? approver : undefined);
      if (address) recipients.add(address);
    }
  }
  return [...recipients];
}
