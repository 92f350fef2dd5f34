-- Large ledgers (issue 11). The progress of an execution of 700,000 items is read from item_count, kept in the
-- transaction that changes the items (Ledger), not counted from work_item on every GET.
create table item_count (
    job_instance_id bigint        not null,
    partition_no    integer       not null,
    status          varchar(16)   not null,  -- PENDING, IN_FLIGHT, DONE, NO_DATA, TOO_CLOUDY, FAILED
    n               bigint        not null,
    primary key (job_instance_id, partition_no, status)
);
insert into item_count (job_instance_id, partition_no, status, n)
    select job_instance_id, partition_no, status, count(*) from work_item
    group by job_instance_id, partition_no, status;

-- How far the plan of a job instance got: it is written in batches of whole AOIs, each with this row in the same
-- transaction; complete is set last. A restart after a failure part-way goes on after last_aoi_id at next_ordinal
-- (nothing planned twice, nothing lost); a job instance with complete = true keeps its ledger.
create table item_plan (
    job_instance_id bigint        not null primary key,
    next_ordinal    integer       not null,  -- the ordinal of the next item to plan
    last_aoi_id     varchar(128),            -- the last AOI whose items are all written (AOIs go in id order)
    complete        boolean       not null,
    updated_at      timestamp     not null   -- UTC
);
insert into item_plan (job_instance_id, next_ordinal, last_aoi_id, complete, updated_at)
    select job_instance_id, max(ordinal) + 1, max(aoi_id), true, max(updated_at) from work_item
    group by job_instance_id;

-- Paging the items in plan order, and the items of a few AOIs (one STAC item, a page of STAC items).
create index ix_work_item_ordinal on work_item (job_instance_id, ordinal);
create index ix_work_item_aoi on work_item (job_instance_id, aoi_id);
-- A page of the items of one status in plan order (GET .../items?status=FAILED&after=...).
create index ix_work_item_status_ordinal on work_item (job_instance_id, status, ordinal);
