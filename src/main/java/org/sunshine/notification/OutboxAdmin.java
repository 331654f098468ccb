package org.sunshine.notification;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The outbox as admins see it: how many messages are in each state, and the messages given up on or not
 * known to have arrived, with their reasons. Never a destination, a subject or a body.
 */
@Service
public class OutboxAdmin {

	private static final int LISTED = 100;

	private final JdbcClient jdbc;

	OutboxAdmin(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One message that needs an admin's eye: failed for good, or interrupted and not settled. */
	public record Trouble(long id, String channel, String kind, String status, int attempts, String reason,
			Instant createdAt) {
	}

	/** Counts by state, and the newest failed and uncertain messages. */
	public record Summary(Map<String, Long> byState, List<Trouble> failed, List<Trouble> uncertain) {
	}

	public Summary summary() {
		Map<String, Long> byState = new LinkedHashMap<>();
		jdbc.sql("select status, count(*) from notification group by status order by status")
			.query((rs, row) -> byState.put(rs.getString(1), rs.getLong(2))).list();
		return new Summary(byState, troubles("FAILED"), troubles("UNCERTAIN"));
	}

	private List<Trouble> troubles(String status) {
		return jdbc.sql("""
				select id, channel, kind, status, attempts, last_error, created_at from notification
				where status = ? order by id desc limit ?""")
			.params(status, LISTED)
			.query((rs, row) -> new Trouble(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getInt(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant()))
			.list();
	}

}
