-- AOI sets: named groups of stored AOIs (POST /api/aois?set=NAME, GET/DELETE /api/aoi-sets/NAME). A job given a set
-- resolves its members once, when it plans: its ledger then names every AOI, so a later change to the set does not
-- change the job. Deleting an AOI removes it from its sets.
create table aoi_set (
    name        varchar(128)  not null primary key,
    created_at  timestamp     not null
);

create table aoi_set_member (
    set_name    varchar(128)  not null,
    aoi_id      varchar(128)  not null,
    primary key (set_name, aoi_id),
    constraint fk_aoi_set_member_set foreign key (set_name) references aoi_set (name) on delete cascade,
    constraint fk_aoi_set_member_aoi foreign key (aoi_id) references aoi (id) on delete cascade
);

create index ix_aoi_set_member_aoi on aoi_set_member (aoi_id);
