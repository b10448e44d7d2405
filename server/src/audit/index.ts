/** The audit-log query module (SPEC §7): one interface for the panel host and `supaguard audit`. No VS Code imports. */
export * from './audit-log';
export * from './database';
export * from './demo';
export * from './errors';
export * from './export';
export * from './health';
export * from './migration';
export * from './presets';
export * from './schema';
export * from './time';
