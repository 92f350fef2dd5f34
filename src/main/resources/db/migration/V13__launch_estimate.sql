-- The estimate a job instance was launched with, so that its page compares the cost with what was expected then and
-- not with a fresh estimate of today's catalog. One row per job instance: a restart continues the same plan and budget,
-- so it shows the row of the launch. Written once the estimate is known: the one the user asked for just before the
-- launch (ESTIMATE), else one made in the background right after it (LAUNCH), or for retry-failed the source's row
-- scaled to its FAILED items (RETRY). A launch whose estimate could not be made keeps the reason in note.
create table launch_estimate (
    job_instance_id      bigint            not null primary key,
    execution_id         bigint            not null,  -- the execution launched with it
    origin               varchar(16)       not null,  -- ESTIMATE, LAUNCH or RETRY
    estimated_at         timestamp         not null,  -- UTC
    source_execution_id  bigint,                      -- RETRY: the execution whose FAILED items are retried
    items                bigint,
    requests             bigint,
    bytes                bigint,
    cost                 double precision,            -- in cost_unit
    cost_unit            varchar(64),
    expected_seconds     double precision,
    limited_by           varchar(256),
    budget               double precision,
    within_budget        boolean,
    note                 varchar(1000)                -- why there are no numbers, or how they were made
);
