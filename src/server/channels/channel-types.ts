// Moved to src/shared/channel-types.ts (the console uses it too); server code may keep importing it from here.
export * from '../../shared/channel-types.ts';
