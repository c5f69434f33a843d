// The insights feature's public entry: what other features, the composition root (engine.ts,
// handlers.ts) and the hosts may use. Everything else in this folder is private to it.
export { createInsightsService, type InsightsService } from './insights-service.ts';
