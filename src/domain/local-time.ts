// Moved to src/shared/local-time.ts (the console uses it too); server code may keep importing it from here.
export * from '../shared/local-time.ts';
