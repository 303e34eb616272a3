// Moved to src/shared/languages.ts (the console uses it too); server code may keep importing it from here.
export * from '../shared/languages.ts';
