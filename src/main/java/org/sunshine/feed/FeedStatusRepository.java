package org.sunshine.feed;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.sunshine.feed.fetch.Validators;

/** Per-feed poll history and conditional-GET validators. */
@Repository
class FeedStatusRepository {

	/**
	 * @param failingSince the first failed poll of the failures under way, or null when the last poll succeeded
	 * @param lastNewAt the last poll that changed a meeting (or the first success, before any change)
	 * @param incident the incident admins were told about ("failing", "silent"), or null
	 * @param incidentSince when they were told
	 * @param warning what the last successful poll left out or left for later, or null
	 */
	record Status(Validators validators, Instant lastPollAt, Instant lastSuccessAt, String lastError,
			Instant lastErrorAt, long polls, long failures, int consecutiveFailures, long changes, Instant failingSince,
			Instant lastNewAt, String incident, Instant incidentSince, String warning) {

		static final Status NEVER = new Status(Validators.NONE, null, null, null, null, 0, 0, 0, 0, null, null, null, null,
				null);

		/** Whether the feed is failing already, with this error as it would be recorded. */
		boolean isFailingWith(String error) {
			return consecutiveFailures > 0 && truncate(error).equals(lastError);
		}

	}

	private final JdbcClient jdbc;

	FeedStatusRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Status find(String feedId) {
		return jdbc.sql("select * from feed_status where feed_id = ?").param(feedId)
			.query(FeedStatusRepository::status).optional().orElse(Status.NEVER);
	}

	void ensure(String feedId) {
		jdbc.sql("insert into feed_status (feed_id) select ? where not exists (select 1 from feed_status where feed_id = ?)")
			.params(feedId, feedId).update();
	}

	void recordSuccess(String feedId, Validators validators, int meetings, int changes, Instant now) {
		ensure(feedId);
		// A validator longer than its column is forgotten: the next poll is unconditional, not a failure.
		validators = new Validators(fitting(validators.etag(), 512), fitting(validators.lastModified(), 128));
		jdbc.sql("""
				update feed_status set etag = ?, last_modified = ?, last_poll_at = ?, last_success_at = ?,
				    polls = polls + 1, consecutive_failures = 0, failing_since = null, meetings = ?, changes = changes + ?,
				    last_new_at = case when ? > 0 or last_new_at is null then ? else last_new_at end
				where feed_id = ?""")
			.params(validators.etag(), validators.lastModified(), utc(now), utc(now), meetings, changes, changes, utc(now),
					feedId)
			.update();
	}

	/** What the last successful poll left out or left for later (null: nothing). */
	void recordWarning(String feedId, String warning) {
		ensure(feedId);
		jdbc.sql("update feed_status set warning = ? where feed_id = ?")
			.params(warning == null ? null : truncate(warning), feedId)
			.update();
	}

	void recordFailure(String feedId, String error, Instant now) {
		ensure(feedId);
		jdbc.sql("""
				update feed_status set last_poll_at = ?, last_error = ?, last_error_at = ?, polls = polls + 1,
				    failures = failures + 1, consecutive_failures = consecutive_failures + 1,
				    failing_since = coalesce(failing_since, ?)
				where feed_id = ?""")
			.params(utc(now), truncate(error), utc(now), utc(now), feedId)
			.update();
	}

	/**
	 * Records the incident told about (null once it is over); true only for the caller that changed it, so
	 * two nodes never tell the same incident twice.
	 */
	boolean markIncident(String feedId, String expected, String incident, Instant now) {
		ensure(feedId);
		String guard = expected == null ? "incident is null" : "incident = ?";
		var statement = jdbc.sql("update feed_status set incident = ?, incident_since = ? where feed_id = ? and " + guard)
			.params(incident, incident == null ? null : utc(now), feedId);
		return (expected == null ? statement : statement.param(expected)).update() == 1;
	}

	/** Forget the validators so the next poll fetches and reads everything again. */
	void forgetValidators(String feedId) {
		jdbc.sql("update feed_status set etag = null, last_modified = null where feed_id = ?").param(feedId).update();
	}

	private static String fitting(String validator, int width) {
		return validator == null || validator.length() > width ? null : validator;
	}

	private static String truncate(String error) {
		String text = error == null ? "unknown error" : error;
		return text.length() > 2000 ? text.substring(0, 1997) + "..." : text;
	}

	private static Status status(ResultSet rs, int row) throws SQLException {
		return new Status(new Validators(rs.getString("etag"), rs.getString("last_modified")),
				instant(rs, "last_poll_at"), instant(rs, "last_success_at"), rs.getString("last_error"),
				instant(rs, "last_error_at"), rs.getLong("polls"), rs.getLong("failures"),
				rs.getInt("consecutive_failures"), rs.getLong("changes"), instant(rs, "failing_since"),
				instant(rs, "last_new_at"), rs.getString("incident"), instant(rs, "incident_since"),
				rs.getString("warning"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
