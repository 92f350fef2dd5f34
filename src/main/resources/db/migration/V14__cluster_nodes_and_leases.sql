-- Several nodes (issue 12). Used only when eobatch.cluster.enabled is true (PostgreSQL); a single node (H2 or
-- PostgreSQL) writes none of these rows and columns. Times are written by the database's clock (now()), so that
-- the nodes' clocks need not agree.

-- The nodes: one row per node id, its heartbeat renewed every eobatch.cluster.heartbeat-seconds; a node whose
-- heartbeat is older than eobatch.cluster.node-timeout-seconds is dead.
create table cluster_node (
    id            varchar(256)  not null primary key,  -- eobatch.node.id (default host:http-port)
    started_at    timestamp with time zone not null,   -- this process's start
    heartbeat_at  timestamp with time zone not null
);

-- Which node runs a job execution: written by the node when it starts or restarts it (JobLogListener.beforeJob).
-- main_execution_id is set for a worker execution: the execution whose ledger it works on.
create table execution_node (
    job_execution_id   bigint        not null primary key,
    job_instance_id    bigint        not null,
    node_id            varchar(256)  not null,
    main_execution_id  bigint,
    started_at         timestamp with time zone not null
);
create index ix_execution_node_node on execution_node (node_id);
create index ix_execution_node_main on execution_node (main_execution_id);

-- A stop asked on one node of an execution another node runs: the owner's heartbeat sees it and stops it locally.
create table stop_request (
    job_execution_id  bigint        not null primary key,
    requested_by      varchar(256)  not null,  -- the node that took the request
    requested_at      timestamp with time zone not null
);

-- An item's lease: the node working on it and until when. Claimed with FOR UPDATE SKIP LOCKED; renewed while the
-- node works on the item; an IN_FLIGHT item whose lease expired is claimed again by any node (and reconciled).
alter table work_item add column lease_node varchar(256);
alter table work_item add column lease_until timestamp with time zone;
