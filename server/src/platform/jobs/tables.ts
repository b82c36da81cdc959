// Row type of the job claim table (created by migration 0006_notify).

export type JobRunStatus = 'running' | 'done' | 'failed';

/**
 * One run of one job for one tenant and one period (`run_key`: the Shanghai date of a daily job, the
 * slot start of an every-N-minutes job). The row is the claim: whoever inserted it (or took it over
 * after its lease expired) is the only process that runs it.
 */
export interface JobRunTable {
  tenant_id: string;
  job: string;
  run_key: string;
  status: JobRunStatus;
  /** Process that holds (or last held) the claim: `<host>:<pid>:<random>`. */
  holder: string;
  /** ISO instant after which a `running` claim is presumed dead and may be taken over. */
  lease_until: string;
  attempts: number;
  started_at: string;
  finished_at: string | null;
  error: string | null;
}

export interface JobTables {
  job_runs: JobRunTable;
}
