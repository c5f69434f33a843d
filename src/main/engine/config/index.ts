// The config feature's public entry: what other features, the composition root (engine.ts,
// handlers.ts) and the hosts may use. Everything else in this folder is private to it.
export { type CockpitConfig, cockpitConfigSchema, CONFIG_FILE_NAME } from './cockpit-config.ts';
export {
  type ConfigSource,
  createConfigSource,
  type EffectiveConfig,
  requireEffectiveConfig,
} from './effective-config.ts';
export {
  type CheckConfig,
  type EnvironmentConfig,
  environmentDefaults,
  environmentSchema,
  type HttpCheckConfig,
  type MaintenanceWindowConfig,
  type TcpCheckConfig,
  type VersionConfig,
} from './environment-schema.ts';
export { type GatesConfig } from './gates-schema.ts';
export {
  type NotificationChannelConfig,
  type NotificationEventName,
  notificationEvents,
  type NotificationRuleConfig,
  type NotificationsConfig,
} from './notifications-schema.ts';
export { type ConfigResult, loadConfig, parseConfig } from './load-config.ts';
export {
  DEFAULT_VERIFY_TIMEOUT_MS,
  type ParamConfig,
  type PipelineConfig,
  type TriggerConfig,
} from './pipeline-schema.ts';
export { requireConfig } from './require-config.ts';
export { starterConfig } from './starter-config.ts';
export { type TimeWindowConfig } from './time-window-schema.ts';
