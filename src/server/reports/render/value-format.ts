// Moved to src/shared/value-format.ts (the console uses it too); server code may keep importing it from here.
export * from '../../../shared/value-format.ts';
