-- Several nodes claim items from the ledger (ledger/Claims): the PENDING items of an instance in id order, and its
-- IN_FLIGHT items whose lease ran out. One index range each. The claim used to be one query over both statuses, and
-- no index gave it id order, so PostgreSQL walked the primary key over the items of every run in the table. That took
-- 64-95 ms per claim at 10k AOIs and grew with the table (cluster benchmark, BENCHMARKS.md). This index extends
-- ix_work_item_status (job_instance_id, status), which it replaces.
create index ix_work_item_claim on work_item (job_instance_id, status, id);
drop index ix_work_item_status;
