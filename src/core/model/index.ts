export type { Paper, ImportedPaper, SourceLocation } from './paper';
export { READING_STATUSES, isReadingStatus, readingStatusLabel, type ReadingStatus } from './reading-status';
export type { Diagnostic, DiagnosticSeverity, ImportResult } from './diagnostic';
export type { Topic } from './topic';
