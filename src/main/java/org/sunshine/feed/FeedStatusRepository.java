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

	record Status(Validators validators, Instant lastPollAt, Instant lastSuccessAt, String lastError,
			Instant lastErrorAt, long polls, long failures, int consecutiveFailures, long changes) {

		static final Status NEVER = new Status(Validators.NONE, null, null, null, null, 0, 0, 0, 0);

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
				    polls = polls + 1, consecutive_failures = 0, meetings = ?, changes = changes + ?
				where feed_id = ?""")
			.params(validators.etag(), validators.lastModified(), utc(now), utc(now), meetings, changes, feedId)
			.update();
	}

	void recordFailure(String feedId, String error, Instant now) {
		ensure(feedId);
		jdbc.sql("""
				update feed_status set last_poll_at = ?, last_error = ?, last_error_at = ?, polls = polls + 1,
				    failures = failures + 1, consecutive_failures = consecutive_failures + 1
				where feed_id = ?""")
			.params(utc(now), truncate(error), utc(now), feedId)
			.update();
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
				rs.getInt("consecutive_failures"), rs.getLong("changes"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
