package org.sunshine.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A broadcast's reminder rows are written once each with what was planned, on both databases: PostgreSQL as
 * one statement over column arrays with the unique constraint skipping repeats, H2 with the existing rows
 * looked up first.
 */
class ReminderRowsTests {

	final Instant start = Instant.parse("2025-07-08T21:00:00Z");

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void eachReminderIsWrittenOnceWithItsTimes(String database) throws SQLException {
		try (MigratedDatabase migrated = MigratedDatabase.of(database)) {
			DataSource dataSource = migrated.dataSource();
			JdbcClient jdbc = migrated.jdbc();
			long meeting = meeting(jdbc);
			long first = subscriber(jdbc, "a");
			long second = subscriber(jdbc, "b");
			ReminderRows rows = new ReminderRows(jdbc, new JdbcTemplate(dataSource));

			rows.insert(List.of(planned(first, meeting, Duration.ofHours(2)), planned(first, meeting, Duration.ofDays(1))));
			rows.insert(List.of(planned(first, meeting, Duration.ofHours(2)), planned(second, meeting, Duration.ofHours(2)),
					planned(second, meeting, Duration.ofHours(2))));

			assertThat(jdbc.sql("select count(*) from reminder").query(Integer.class).single()).isEqualTo(3);
			assertThat(jdbc.sql("select due_at from reminder where subscriber_id = ? and lead = 'PT24H'").param(first)
				.query(OffsetDateTime.class).single().toInstant()).isEqualTo(start.minus(Duration.ofDays(1)));
			assertThat(jdbc.sql("select meeting_start from reminder where subscriber_id = ?").param(second)
				.query(OffsetDateTime.class).single().toInstant()).isEqualTo(start);
			assertThat(jdbc.sql("select distinct status from reminder").query(String.class).list()).containsExactly("PENDING");
		}
	}

	private ReminderRows.Planned planned(long subscriber, long meeting, Duration lead) {
		return new ReminderRows.Planned(subscriber, meeting, lead, start, start.minus(lead));
	}

	private long meeting(JdbcClient jdbc) {
		OffsetDateTime at = start.atOffset(java.time.ZoneOffset.UTC);
		jdbc.sql("""
				insert into meeting (feed_id, source_id, body, title, starts_at, zone, status, first_seen_at, updated_at)
				values ('keywest', 'm1', 'City Commission', 'Special meeting', ?, 'America/New_York', 'SCHEDULED', ?, ?)""")
			.params(at, at, at).update();
		return jdbc.sql("select id from meeting where source_id = 'm1'").query(Long.class).single();
	}

	private long subscriber(JdbcClient jdbc, String name) {
		jdbc.sql("""
				insert into subscriber (public_id, language, timezone, delivery, reminders, created_at)
				values (?, 'en', 'America/New_York', 'IMMEDIATE', 'PT2H', ?)""")
			.params(name, start.atOffset(java.time.ZoneOffset.UTC)).update();
		return jdbc.sql("select id from subscriber where public_id = ?").param(name).query(Long.class).single();
	}

}
