package org.sunshine.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.sunshine.meeting.Meeting;
import org.sunshine.system.Databases;

/**
 * The reminder rows a broadcast plans, written as a set: one row per subscriber, meeting and lead, and one that
 * exists already is left as it is (a revision planned again adds nothing).
 */
@Component
class ReminderRows {

	private static final int ARRAY_CHUNK = 10_000;

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final boolean postgres;

	ReminderRows(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.postgres = Databases.isPostgres(batch.getDataSource());
	}

	/** A reminder row to write: one subscriber, one meeting, one lead. */
	record Planned(long subscriberId, long meetingId, Duration lead, Instant meetingStart, Instant due) {
	}

	/** Adds the subscriber's reminders for a meeting they were told about to {@code rows}; those already past are skipped. */
	static void plan(long subscriberId, Meeting meeting, List<Duration> leads, Instant now, List<Planned> rows) {
		for (Duration lead : leads) {
			Instant due = meeting.start().minus(lead);
			if (due.isAfter(now)) {
				rows.add(new Planned(subscriberId, meeting.id(), lead, meeting.start(), due));
			}
		}
	}

	/**
	 * Writes planned reminders; a reminder that exists already is left as it is. On H2 with batched plain inserts
	 * after reading the meeting's existing reminders (the planner holds the meeting's lock, so they cannot change
	 * meanwhile); on PostgreSQL see {@link #insertAsArrays}.
	 */
	void insert(List<Planned> rows) {
		if (rows.isEmpty()) {
			return;
		}
		if (postgres) {
			insertAsArrays(rows);
			return;
		}
		record Key(long subscriberId, long meetingId, String lead) {
		}
		Set<Key> existing = new HashSet<>();
		rows.stream().map(Planned::meetingId).distinct().forEach(meetingId -> jdbc
			.sql("select subscriber_id, lead from reminder where meeting_id = ?").param(meetingId)
			.query((rs, n) -> existing.add(new Key(rs.getLong(1), meetingId, rs.getString(2)))).list());
		List<Object[]> fresh = rows.stream()
			.filter(r -> existing.add(new Key(r.subscriberId(), r.meetingId(), r.lead().toString())))
			.map(r -> new Object[] { r.subscriberId(), r.meetingId(), r.lead().toString(), utc(r.meetingStart()),
					utc(r.due()) })
			.toList();
		batch.batchUpdate("""
				insert into reminder (subscriber_id, meeting_id, lead, meeting_start, due_at, status)
				values (?, ?, ?, ?, ?, 'PENDING')""", fresh);
	}

	/**
	 * PostgreSQL: each chunk as one statement over column arrays, and a reminder that exists already is skipped
	 * by its unique constraint. Twenty thousand reminders of one broadcast went as 160 multi-row INSERTs before,
	 * 640 ms of the server's time (pg_stat_statements), most of it parsing and binding 500 rows of parameters.
	 */
	private void insertAsArrays(List<Planned> rows) {
		for (int from = 0; from < rows.size(); from += ARRAY_CHUNK) {
			List<Planned> chunk = rows.subList(from, Math.min(from + ARRAY_CHUNK, rows.size()));
			jdbc.sql("""
					insert into reminder (subscriber_id, meeting_id, lead, meeting_start, due_at, status)
					select s, m, l, starts::timestamptz, due::timestamptz, 'PENDING'
					from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[]) as u(s, m, l, starts, due)
					on conflict (subscriber_id, meeting_id, lead) do nothing""")
				.params(chunk.stream().map(Planned::subscriberId).toArray(Long[]::new),
						chunk.stream().map(Planned::meetingId).toArray(Long[]::new),
						chunk.stream().map(r -> r.lead().toString()).toArray(String[]::new),
						chunk.stream().map(r -> utc(r.meetingStart()).toString()).toArray(String[]::new),
						chunk.stream().map(r -> utc(r.due()).toString()).toArray(String[]::new))
				.update();
		}
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
