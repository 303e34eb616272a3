// Moved to src/shared/report-document.ts (the console uses it too); server code may keep importing it from here.
export * from '../../shared/report-document.ts';
