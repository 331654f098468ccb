-- Contact data sealed at rest: addresses, numbers and the client addresses beside consent are stored as
-- "enc:<key id>:<AES-GCM>" (system/crypto/ContactCipher), and found by a keyed hash (HMAC-SHA256) of the address.
-- The rows already here are sealed by the start-up re-sealing that runs after this migration.
alter table contact_point add column address_hash varchar(64);
alter table contact_point alter column address set data type varchar(700);
alter table contact_point alter column consent_source set data type varchar(700);
alter table contact_point alter column requested_source set data type varchar(700);
drop index contact_point_address;
create index contact_point_address_hash on contact_point (address_hash);

alter table follower_contact add column address_hash varchar(64);
alter table follower_contact alter column address set data type varchar(700);
alter table follower_contact alter column consent_source set data type varchar(700);
alter table follower_contact drop constraint follower_contact_once;
drop index follower_contact_address;
alter table follower_contact add constraint follower_contact_once unique (organization_id, channel, address_hash);
create index follower_contact_address_hash on follower_contact (address_hash);

alter table notification add column destination_hash varchar(64);
-- A message rendered when it is queued (a confirmation) carries link tokens: its words are sealed until it leaves.
alter table notification alter column body_text set data type varchar(28000);
alter table notification alter column body_html set data type varchar(81000);
alter table notification alter column headers set data type varchar(6000);
alter table notification alter column destination set data type varchar(700);
create index notification_destination on notification (destination_hash);

alter table sms_opt_out add column number_hash varchar(64);
alter table sms_opt_out alter column number set data type varchar(700);
create index sms_opt_out_number_hash on sms_opt_out (number_hash);
