// Moved to src/shared/indicator-definitions.ts (the console uses it too); server code may keep importing it from here.
export * from '../../shared/indicator-definitions.ts';
