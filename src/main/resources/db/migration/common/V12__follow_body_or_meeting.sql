-- An interest may follow a body (every meeting of "City Commission") or one meeting instead of terms.
-- Such an interest has no terms ('') and one of these set.
alter table interest add column body varchar(300);
alter table interest add column meeting_id bigint;
