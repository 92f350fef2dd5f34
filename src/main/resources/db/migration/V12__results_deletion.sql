-- Results deleted from disk (DELETE /api/executions/{id}/results or the retention schedule): one row per job instance
-- whose results folder was removed. The ledger and the statistics rows stay, so the numbers remain queryable; the API
-- and the STAC catalog say the files were deleted, when and by whom.
create table results_deletion (
    job_instance_id bigint        not null primary key,
    deleted_at      timestamp     not null,  -- UTC
    deleted_by      varchar(256)  not null,  -- the user, or 'retention' for the schedule
    reason          varchar(32)   not null,  -- REQUEST or RETENTION
    files           bigint        not null,  -- files removed
    bytes           bigint        not null   -- their size
);
