package org.sunshine.feed;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The version of each meeting a feed's polls read in full (see {@code Poll}), so unchanged ones are not re-read. */
@Repository
class MeetingVersions {

	private final JdbcClient jdbc;

	MeetingVersions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The versions read since {@code since}, by source id; older ones are forgotten, so those meetings are re-read. */
	Map<String, String> known(String feedId, Instant since) {
		jdbc.sql("delete from feed_meeting_version where feed_id = ? and read_at < ?").params(feedId, utc(since)).update();
		Map<String, String> known = new HashMap<>();
		jdbc.sql("select source_id, version from feed_meeting_version where feed_id = ?")
			.param(feedId)
			.query((rs, row) -> known.put(rs.getString(1), rs.getString(2)))
			.list();
		return known;
	}

	void record(String feedId, Map<String, String> versions, Instant now) {
		versions.forEach((sourceId, version) -> {
			int updated = jdbc.sql("update feed_meeting_version set version = ?, read_at = ? where feed_id = ? and source_id = ?")
				.params(version, utc(now), feedId, sourceId)
				.update();
			if (updated == 0) {
				jdbc.sql("insert into feed_meeting_version (feed_id, source_id, version, read_at) values (?, ?, ?, ?)")
					.params(feedId, sourceId, version, utc(now))
					.update();
			}
		});
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
