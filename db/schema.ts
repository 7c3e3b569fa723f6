/**
 * The drizzle schema, one file per domain under db/schema/. drizzle-kit reads this file to
 * generate migrations into db/migrations/; the app and the tests import tables from here.
 */
export * from './schema/boards.ts';
export * from './schema/channels.ts';
export * from './schema/content.ts';
export * from './schema/drills.ts';
export * from './schema/events.ts';
export * from './schema/points.ts';
export * from './schema/practice.ts';
export * from './schema/workspaces.ts';
