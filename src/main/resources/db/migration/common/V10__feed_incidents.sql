-- Operations: since when a feed has been failing, when it last brought something new, and which incident
-- (failing or silent) the admins and its subscribers were told about, so each incident is told once.
alter table feed_status add column failing_since timestamp with time zone;
alter table feed_status add column last_new_at timestamp with time zone;
alter table feed_status add column incident varchar(16);
alter table feed_status add column incident_since timestamp with time zone;
update feed_status set failing_since = last_error_at where consecutive_failures > 0;
update feed_status set last_new_at = last_success_at where changes > 0;
