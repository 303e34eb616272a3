// Moved to src/shared/report-periods.ts (the console uses it too); server code may keep importing it from here.
export * from '../shared/report-periods.ts';
