// Notifications out (docs/notifications.md): turns outbox entries into deliveries by each project's
// rules, and delivers them — off the deploy's path, with retries and backoff, surviving restarts
// (everything waiting is in SQLite) — keeping a delivery log clients can list.
import type { Database } from 'better-sqlite3';
import type { Delivery, DeliveryStatus } from '../../../shared/domain/notification.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../kernel/diagnostics/logger.ts';
import type { EventBus } from '../kernel/events.ts';
import { coalescedPass } from '../kernel/coalesced-pass.ts';
import { createMasker } from '../kernel/masking/masker.ts';
import type { CockpitConfig, NotificationChannelConfig } from '../config/index.ts';
import { webhookPayload, slackPayload, teamsPayload } from './channels/chat-payloads.ts';
import { sendEmail } from './channels/email.ts';
import { DeliveryError, postJson } from './channels/http-post.ts';
import { createDeliveriesRepo } from './deliveries-repo.ts';
import { createFreezeWatch, type FreezeLookup } from './freeze-watch.ts';
import { renderMessage, type NotificationMessage } from './message.ts';
import { createOutbox, type NotificationEvent } from './outbox.ts';
import { retryDelay, type RetryPolicy } from './retry.ts';
import { channelsFor, recipientsFor } from './rules.ts';

export interface NotificationDeps {
  db: Database;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  listProjects(): { id: number; name: string }[];
  /** The configuration to act on (the last good one while the file has an error), or null. */
  configOf(projectId: number): CockpitConfig | null;
  /** A project secret's value, or undefined when it is not set. */
  secret(projectId: number, name: string): string | undefined;
  /** Whether an environment is in a freeze window now (releases' freeze gate). */
  freezeAt: FreezeLookup;
  /** One attempt's time limit; default 10 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** How often waiting work is looked for besides the engine's events; default 5 s. */
  pollMs?: number;
}

interface StoredMessage extends NotificationMessage {
  recipients: string[];
}

const LEASE_MS = 5 * 60 * 1000;
const DEFAULT_TIMEOUT_MS = 10_000;

export function createNotificationService(deps: NotificationDeps) {
  const { db, clock, logger } = deps;
  const outbox = createOutbox(db);
  const deliveries = createDeliveriesRepo(db);
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retry: RetryPolicy = { maxAttempts: 6, baseDelayMs: 15_000, maxDelayMs: 30 * 60_000, ...deps.retry };
  const pollMs = deps.pollMs ?? 5000;
  const freezes = createFreezeWatch({
    outbox,
    clock,
    listProjects: () => deps.listProjects(),
    configOf: (projectId) => deps.configOf(projectId),
    freezeAt: deps.freezeAt,
  });

  /** Turns waiting outbox entries into deliveries; returns how many deliveries it made. */
  function expand(): number {
    let made = 0;
    for (;;) {
      const entries = outbox.todo();
      if (entries.length === 0) return made;
      for (const entry of entries) {
        let event: NotificationEvent | null = null;
        try {
          event = outbox.read(entry);
        } catch (error) {
          logger.warn('a notification could not be read; it is skipped', { outboxId: entry.id, error });
        }
        const planned = event ? plan(event) : [];
        db.transaction(() => {
          if (!outbox.markDone(entry.id, clock.now())) return; // another process took it
          for (const delivery of planned) {
            if (deliveries.insert({ ...delivery, outboxId: entry.id })) made += 1;
          }
        }).immediate();
      }
    }
  }

  /** The deliveries an event calls for by its project's rules (none without `notifications:`). */
  function plan(event: NotificationEvent) {
    const config = deps.configOf(event.projectId);
    const notifications = config?.notifications;
    if (!notifications) return [];
    const environment = config.environments?.find((env) => env.name === event.environment);
    const approvers = event.event === 'approval.requested' ? (environment?.gates?.approvers ?? []) : [];
    const message = renderMessage(event, approvers);
    return channelsFor(notifications, event).map(({ name, channel }) => {
      const stored: StoredMessage = {
        ...message,
        recipients: recipientsFor(channel, message, notifications),
      };
      return {
        projectId: event.projectId,
        projectName: event.projectName,
        event: event.event,
        environment: event.environment,
        title: message.title,
        channel: name,
        channelType: channel.type,
        channelConfig: JSON.stringify(channel),
        message: JSON.stringify(stored),
        maxAttempts: retry.maxAttempts,
        createdAt: clock.now(),
      };
    });
  }

  /** Attempts that failed since this service started (sendNow reports its own). */
  let failedAttempts = 0;

  /** Sends every delivery due now, at once; each ends sent, waiting for a retry, or given up. */
  async function deliverDue(): Promise<number> {
    const due = deliveries.claimDue(clock.now(), LEASE_MS);
    await Promise.all(
      due.map(async (delivery) => {
        const channel = JSON.parse(delivery.channelConfig) as NotificationChannelConfig;
        const message = JSON.parse(delivery.message) as StoredMessage;
        const secrets: string[] = [];
        const secret = (name: string | undefined): string | undefined => {
          if (!name) return undefined;
          const value = delivery.projectId === null ? undefined : deps.secret(delivery.projectId, name);
          if (value === undefined) {
            throw new DeliveryError(
              `the secret ${name} is not set for ${delivery.projectName} (cockpit secrets set ${name})`,
            );
          }
          secrets.push(value);
          logger.addSecret(value);
          return value;
        };
        try {
          await send(channel, message, secret);
          deliveries.markSent(delivery.id, clock.now());
          logger.info('notification sent', {
            deliveryId: delivery.id,
            channel: delivery.channel,
            event: message.event,
          });
        } catch (error) {
          const reason = createMasker(secrets).mask(
            error instanceof DeliveryError ? error.message : `unexpected: ${(error as Error).message}`,
          );
          failedAttempts += 1;
          const attempt = delivery.attempts + 1;
          const retryAt = attempt < delivery.maxAttempts ? clock.now() + retryDelay(retry, attempt) : null;
          deliveries.markFailed(
            delivery.id,
            retryAt === null
              ? `gave up after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${reason}`
              : reason,
            retryAt,
          );
          logger.warn(retryAt === null ? 'notification failed for good' : 'notification failed; will retry', {
            deliveryId: delivery.id,
            channel: delivery.channel,
            attempt,
            reason,
          });
        }
      }),
    );
    return due.length;
  }

  async function send(
    channel: NotificationChannelConfig,
    message: StoredMessage,
    secret: (name: string | undefined) => string | undefined,
  ): Promise<void> {
    switch (channel.type) {
      case 'webhook':
        return postJson(secret(channel.url_secret)!, webhookPayload(message), timeoutMs);
      case 'slack':
        return postJson(secret(channel.url_secret)!, slackPayload(message), timeoutMs);
      case 'teams':
        return postJson(secret(channel.url_secret)!, teamsPayload(message), timeoutMs);
      case 'email':
        return sendEmail(
          message,
          channel,
          message.recipients,
          secret(channel.smtp.password_secret),
          timeoutMs,
        );
    }
  }

  // ── Background: never overlapping itself, woken by the engine's events and a slow poll. ──
  let timer: NodeJS.Timeout | null = null;
  let timerAt = 0;
  let stopped = true;
  const unsubscribe: (() => void)[] = [];

  const passes = coalescedPass(
    async () => {
      try {
        freezes.check();
        const made = expand();
        const tried = await deliverDue();
        if (made + tried > 0) deps.events.emit('notifications.changed', {});
      } catch (error) {
        logger.warn('notifications: a pass failed; it will try again', { error });
      }
    },
    { stopped: () => stopped, afterwards: scheduleNext },
  );
  const pump = passes.run;

  /** Runs a pass in `delayMs`, or sooner if one is due sooner: a stream of events never postpones it. */
  function wake(delayMs: number) {
    if (stopped) return;
    const at = performance.now() + delayMs;
    if (timer && timerAt <= at) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = null;
      void pump();
    }, delayMs);
    timer.unref();
  }

  function scheduleNext() {
    const next = deliveries.nextDueAt();
    wake(next === null ? pollMs : Math.min(Math.max(next - clock.now(), 0), pollMs));
  }

  return {
    expand,
    deliverDue,
    /** One whole pass: freezes, outbox, due deliveries. */
    pump,
    /** A pass now, waited for, with what it did (the CLI's `cockpit notifications send`). */
    async sendNow(): Promise<{ queued: number; attempted: number; failed: number }> {
      await passes.settled();
      freezes.check();
      const queued = expand();
      const failedBefore = failedAttempts;
      const attempted = await deliverDue();
      if (queued + attempted > 0) deps.events.emit('notifications.changed', {});
      return { queued, attempted, failed: failedAttempts - failedBefore };
    },
    list(params: { status?: DeliveryStatus; projectId?: number; limit?: number }): Delivery[] {
      return deliveries.list({ ...params, limit: params.limit ?? 100 });
    },
    start() {
      if (!stopped) return;
      stopped = false;
      const soon = () => wake(50);
      unsubscribe.push(
        deps.events.on('releases.changed', soon),
        deps.events.on('environments.changed', soon),
      );
      wake(0);
    },
    async stop() {
      stopped = true;
      for (const off of unsubscribe.splice(0)) off();
      if (timer) clearTimeout(timer);
      timer = null;
      await passes.settled();
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
