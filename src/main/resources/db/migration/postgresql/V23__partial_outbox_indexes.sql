-- The outbox's look-ups by provider id (delivery receipts), campaign and follower only ever ask for a value,
-- never for null; most rows have none (a topic alert is no campaign's, and has no provider id until sent), yet
-- every insert and every change of state wrote an entry for them in all three. Partial indexes keep only rows
-- that have the value: a broadcast of 10,000 alerts no longer writes 30,000 index entries of nulls at each step.
-- (H2, the embedded single node, has no partial indexes and keeps the full ones.)
drop index notification_provider;
create index notification_provider on notification (provider_id) where provider_id is not null;
drop index notification_campaign;
create index notification_campaign on notification (campaign_id, kind, status) where campaign_id is not null;
drop index notification_follower;
create index notification_follower on notification (follower_id) where follower_id is not null;
