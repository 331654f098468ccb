-- Contact points looked up by address. The bulk import asks, for each batch of a thousand rows, which
-- addresses are already held; without this index each batch scans the whole table (about 0.3 s a batch at
-- 1.5 million contact points, measured on PostgreSQL 15), so an import's time grows with the square of
-- its size. Confirmation and sending checks (isConfirmed, smsContactPoints) look addresses up the same way.
create index contact_point_address on contact_point (address);
