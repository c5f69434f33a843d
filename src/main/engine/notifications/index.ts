// The notifications feature's public entry: what the composition root (engine.ts, handlers.ts) and
// the hosts may use. Everything else in this folder is private to it.
export {
  createNotificationService,
  type NotificationDeps,
  type NotificationService,
} from './notification-service.ts';
