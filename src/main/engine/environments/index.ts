// The environments feature's public entry: what other features, the composition root (engine.ts,
// handlers.ts) and the hosts may use. Everything else in this folder is private to it.
export { createMonitorService, type MonitorService } from './monitor-service.ts';
export { activeMaintenance } from './monitor/maintenance.ts';
