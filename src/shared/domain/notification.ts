// Notifications out: what the delivery log shows (protocol `notifications.deliveries`, the app's
// "Notifications sent" panel, `cockpit notifications`).
import { z } from 'zod';

export const deliveryStatuses = ['pending', 'sending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];
export const channelTypes = ['webhook', 'slack', 'teams', 'email'] as const;

export const deliverySchema = z.object({
  id: z.number().int(),
  projectId: z.number().int().nullable(),
  projectName: z.string(),
  /** deploy.started, deploy.failed, approval.requested, incident.opened, freeze.started, … */
  event: z.string(),
  environment: z.string().nullable(),
  /** The message's headline: "shop 1.2.0 deployed to production". */
  title: z.string(),
  /** The channel's name in cockpit.yml, and its kind. */
  channel: z.string(),
  channelType: z.enum(channelTypes),
  /** pending: waiting for its (next) attempt; sending: an attempt is under way; sent; failed: given up. */
  status: z.enum(deliveryStatuses),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  /** Pending: when the next attempt is due. */
  nextAttemptAt: z.number().nullable(),
  /** Why the last attempt failed (also kept after a later success); secrets masked. */
  lastError: z.string().nullable(),
  createdAt: z.number(),
  sentAt: z.number().nullable(),
});
export type Delivery = z.infer<typeof deliverySchema>;
