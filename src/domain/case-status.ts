// Moved to src/shared/case-status.ts (the console uses it too); server code may keep importing it from here.
export * from '../shared/case-status.ts';
