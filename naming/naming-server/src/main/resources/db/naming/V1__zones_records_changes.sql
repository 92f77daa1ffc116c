-- Parley naming: zones with their serials, the records of each zone, and each zone's change log
-- (incremental transfers to secondaries and watches). Portable between H2 and PostgreSQL.
create table naming_zone (
    apex            varchar(255)  not null primary key,
    role            varchar(16)   not null,
    primary_url     varchar(1024),
    serial          bigint        not null,
    negative_ttl_ms bigint        not null
);

create table naming_record (
    name            varchar(255)    not null primary key,
    zone_apex       varchar(255)    not null references naming_zone (apex),
    record_type     varchar(16)     not null,
    ttl_ms          bigint          not null,
    addresses_json  varchar(262144) not null,
    attributes_json varchar(262144) not null,
    serial          bigint          not null
);

create index naming_record_zone on naming_record (zone_apex);

create table naming_change (
    zone_apex       varchar(255)    not null references naming_zone (apex),
    serial          bigint          not null,
    name            varchar(255)    not null,
    op              varchar(8)      not null,
    record_json     varchar(262144),
    primary key (zone_apex, serial)
);
