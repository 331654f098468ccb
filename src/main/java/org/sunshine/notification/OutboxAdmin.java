package org.sunshine.notification;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox as admins see it: how many messages are in each state, and the messages given up on or not
 * known to have arrived, with their reasons. Never a destination, a subject or a body.
 */
@Service
public class OutboxAdmin {

	private static final int LISTED = 100;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	OutboxAdmin(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
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

	/**
	 * Sends a failed or uncertain message again, from its first attempt. An uncertain SMS may then arrive twice:
	 * that is the admin's call, made after looking at the provider's logs.
	 * @return false when there is no such message in a state that may be retried
	 */
	@Transactional
	public boolean retry(long id, Instant now) {
		boolean retried = jdbc.sql("""
				update notification set status = 'PENDING', attempts = 0, next_attempt_at = ?, claim_token = null,
				    claimed_until = null, uncertain_checks = 0, last_error = left('retried by an admin after: ' || coalesce(last_error, ''), 2000)
				where id = ? and status in ('FAILED', 'UNCERTAIN')""")
			.params(now.atOffset(ZoneOffset.UTC), id).update() == 1;
		if (retried) {
			events.publishEvent(new OutboxDispatcher.OutboxFilled()); // Senders go once this commits.
		}
		return retried;
	}

	/** Gives up on a failed or uncertain message for good; it leaves the lists, and counts as never sent. */
	@Transactional
	public boolean drop(long id) {
		return jdbc.sql("""
				update notification set status = 'DROPPED', claim_token = null, claimed_until = null,
				    last_error = left('dropped by an admin after: ' || coalesce(last_error, ''), 2000)
				where id = ? and status in ('FAILED', 'UNCERTAIN')""")
			.param(id).update() == 1;
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
