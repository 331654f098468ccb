-- Sign-up and confirmation rate limits shared by every node: Bucket4j's PostgreSQL proxy manager keeps one
-- row per limited key, locked with SELECT ... FOR UPDATE while a token is taken. The id is a hash of the key
-- (a client address, an email address or a phone number), never the key itself. expires_at (epoch
-- milliseconds) is when the bucket is full again; past it the row says nothing and is deleted.
-- On H2 (the embedded default, one node) the buckets stay in memory.
create table rate_limit_bucket (
    id         bigint primary key,
    state      bytea,
    expires_at bigint
);
create index rate_limit_bucket_expiry on rate_limit_bucket (expires_at);
