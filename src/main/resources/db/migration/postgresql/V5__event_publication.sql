-- Spring Modulith's JDBC event publication registry (schema v2, as shipped in spring-modulith-events-jdbc
-- 2.0.3 for PostgreSQL). A MeetingRevision is stored here in the poll's transaction and marked complete when
-- the planner has handled it; an incomplete one is handed to the planner again after a restart.
create table event_publication (
    id                     uuid not null primary key,
    listener_id            text not null,
    event_type             text not null,
    serialized_event       text not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamp with time zone
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
