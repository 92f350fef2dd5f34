-- retry-failed at most once per job instance: the primary key is the claim. POST /api/executions/{id}/retry-failed
-- inserts its row before it launches anything; a second or concurrent call meets the key and answers 409, so no
-- FAILED item is paid for twice. The new execution's id is written once it has started; a launch that is refused
-- deletes its claim.
create table retry_claim (
    source_instance_id   bigint        not null primary key, -- the job instance whose FAILED items are retried
    source_execution_id  bigint        not null,             -- the execution the client named
    retry_execution_id   bigint,                             -- the new execution, once started
    username             varchar(256)  not null,
    at                   timestamp     not null              -- UTC
);
