// The `notifications:` section of cockpit.yml: where to tell the team (channels), and which events
// go where (rules). Webhook URLs and SMTP passwords are never written here: a channel names the
// secret that holds them (docs/notifications.md).
import { z } from 'zod';

export const notificationEvents = [
  'deploy.started',
  'deploy.succeeded',
  'deploy.failed',
  'deploy.rolled_back',
  'approval.requested',
  'approval.given',
  'incident.opened',
  'incident.resolved',
  'freeze.started',
] as const;
export type NotificationEventName = (typeof notificationEvents)[number];

const secretName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    'expected the name of a secret (letters, digits, underscores), set with `cockpit secrets set NAME`',
  );
const channelName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'expected a channel name: letters, digits, "-", "_" or "."');
const address = z.string().trim().min(3).max(320).regex(/@/, 'expected an email address');

/** A URL in the config would sit in the repository in plain text: point at a secret instead. */
const urlSecret = {
  url_secret: secretName,
  url: z
    .never({
      error:
        'a webhook URL is a secret: store it with `cockpit secrets set NAME` (or in Settings) and write `url_secret: NAME`',
    })
    .optional(),
};

export const notificationChannelSchema = z.discriminatedUnion('type', [
  /** A JSON POST of the event (docs/notifications.md lists the fields). */
  z.strictObject({ type: z.literal('webhook'), ...urlSecret }),
  /** A Slack (or Mattermost, Rocket.Chat…) incoming webhook. */
  z.strictObject({ type: z.literal('slack'), ...urlSecret }),
  /** A Microsoft Teams incoming webhook (Workflows): an Adaptive Card. */
  z.strictObject({ type: z.literal('teams'), ...urlSecret }),
  z.strictObject({
    type: z.literal('email'),
    smtp: z.strictObject({
      host: z.string().trim().min(1).max(253),
      port: z.number().int().min(1).max(65_535).optional(),
      /** tls: TLS from the first byte (port 465); starttls: upgrade required (587); none: plain. */
      security: z.enum(['tls', 'starttls', 'none']).optional(),
      user: z.string().min(1).max(320).optional(),
      password_secret: secretName.optional(),
    }),
    from: z.string().trim().min(3).max(320),
    /** Who receives every message of this channel (approval requests also go to the approvers). */
    to: z.array(address).min(1).optional(),
  }),
]);
export type NotificationChannelConfig = z.output<typeof notificationChannelSchema>;

export const notificationRuleSchema = z.strictObject({
  /** Which events; "all" for every one. */
  events: z.union([z.literal('all'), z.array(z.enum(notificationEvents)).min(1)]),
  /** Only events of these environments; all environments when absent. */
  environments: z.array(z.string().min(1)).min(1).optional(),
  /** The channels (names under `channels:`) that receive them. */
  channels: z.array(channelName).min(1),
});
export type NotificationRuleConfig = z.output<typeof notificationRuleSchema>;

export const notificationsSchema = z.strictObject({
  channels: z.record(channelName, notificationChannelSchema),
  /** Email addresses of the people named in `gates.approvers` (an approver named by address needs none). */
  people: z.record(z.string().min(1), address).optional(),
  rules: z.array(notificationRuleSchema).min(1),
});
export type NotificationsConfig = z.output<typeof notificationsSchema>;
