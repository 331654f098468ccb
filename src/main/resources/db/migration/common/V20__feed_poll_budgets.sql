-- Poll budgets. What a feed's last successful poll left out or left for later (over a cap, out of time), for
-- admins; and the version of each meeting a feed read in full, so that a poll asks a source (Legistar) for the
-- details only of meetings that are new or changed.
alter table feed_status add column warning varchar(2000);

create table feed_meeting_version (
    feed_id   varchar(64)  not null,
    source_id varchar(512) not null,
    version   varchar(64)  not null,
    read_at   timestamp with time zone not null,
    primary key (feed_id, source_id)
);
