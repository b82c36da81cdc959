// Row types of the tables this room owns (composed into the Database interface in db/types.ts).
export type AssessmentTables = Record<never, never>;
