-- Every change of a message's state rewrites its entries in every index of the outbox (a state column changes,
-- so PostgreSQL cannot update in place), and a broadcast changes 10,000 rows three times. Two indexes paid for
-- that without earning it: a sender now gets the rows it claimed back from the claiming statement itself, not by
-- looking its claim token up; and leases are recovered through notification_due, whose leading column, the
-- state, narrows them to the few rows claimed or being handed over at any time.
drop index notification_claim;
drop index notification_lease;
