export type { Paper, ImportedPaper, ReadingStatus, SourceLocation } from './paper';
export type { Diagnostic, DiagnosticSeverity, ImportResult } from './diagnostic';
export type { Topic } from './topic';
