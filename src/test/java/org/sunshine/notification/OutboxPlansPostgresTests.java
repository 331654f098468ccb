package org.sunshine.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

/**
 * The updates that record what a sender did with one claimed message find it by its id on PostgreSQL, also
 * after ANALYZE has seen a table where almost nothing is claimed (as it has, between two broadcasts). With a
 * plain {@code status = 'CLAIMED'} the planner took the lease index and walked every claimed row instead. What a
 * sent message keeps is compressed with lz4, the cheaper of PostgreSQL's two methods.
 */
class OutboxPlansPostgresTests {

	@Test
	void outcomesOfOneClaimedMessageAreLookedUpByItsId() throws SQLException {
		try (MigratedDatabase migrated = MigratedDatabase.of("postgresql");
				Connection connection = migrated.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			// The outbox after some broadcasts, measured; then a broadcast's claims.
			statement.execute("""
					insert into notification (idempotency_key, channel, destination, destination_hash, kind, status,
					    attempts, next_attempt_at, created_at, claim_token)
					select 'k' || g, 'EMAIL', 'd' || g, 'h' || g, 'announced', 'SENT', 1, now(), now(), 't' || (g / 50)
					from generate_series(1, 20000) g""");
			statement.execute("analyze notification");
			statement.execute("""
					insert into notification (idempotency_key, channel, destination, destination_hash, kind, status,
					    attempts, next_attempt_at, created_at, claim_token, claimed_until)
					select 'c' || g, 'EMAIL', 'd' || g, 'h' || g, 'announced', 'CLAIMED', 0, now(), now(), 'claim', now()
					from generate_series(1, 400) g""");

			statement.execute("""
					insert into notification (idempotency_key, channel, destination, destination_hash, kind, status,
					    attempts, next_attempt_at, created_at)
					select 'p' || g, 'EMAIL', 'd' || g, 'h' || g, 'announced', 'PENDING', 0, now(), now()
					from generate_series(1, 10000) g""");

			// As a prepared statement's generic plan, which PostgreSQL keeps after five executions.
			statement.execute("set plan_cache_mode = force_generic_plan");
			assertThat(plan(connection, "update notification set status = 'CLAIMED', claim_token = ?, claimed_until = ? "
					+ "where id in (select id from notification where status = 'PENDING' and channel = ? "
					+ "and next_attempt_at <= ? order by next_attempt_at, id limit ? for update skip locked) returning *",
					"token", OffsetDateTime.now(), "EMAIL", OffsetDateTime.now(), 50))
				.as("a claim, with 10,000 due that ANALYZE has not seen").contains("Index Scan using notification_due")
				.doesNotContain("Sort");
			assertThat(plan(connection, Outbox.HANDING_OVER, OffsetDateTime.now(), 20_001L, "claim"))
				.contains("notification_pkey").doesNotContain("notification_lease");
			assertThat(plan(connection, Outbox.sentInOneStep(), OffsetDateTime.now(), "<id>", OffsetDateTime.now(),
					"subject", "text", "BEGIN:VCALENDAR", "PUBLISH", 20_001L, "claim"))
				.contains("notification_pkey").doesNotContain("notification_lease");
			Long[] ids = java.util.stream.LongStream.rangeClosed(20_001, 20_050).boxed().toArray(Long[]::new);
			String[] fifty = java.util.Collections.nCopies(50, "x").toArray(String[]::new);
			String[] times = java.util.Collections.nCopies(50, OffsetDateTime.now().toString()).toArray(String[]::new);
			assertThat(plan(connection, Outbox.SENT_IN_ONE_STEP_AS_ARRAYS, times, fifty, times, fifty, fifty, fifty, fifty,
					ids, fifty))
				.as("a group commit's 50 outcomes as one statement").contains("notification_pkey")
				.doesNotContain("Seq Scan on notification");
		}
	}

	@Test
	void whatASentMessageKeepsIsCompressedWithLz4() throws SQLException {
		try (MigratedDatabase migrated = MigratedDatabase.of("postgresql");
				Connection connection = migrated.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("""
					insert into notification (idempotency_key, channel, destination, destination_hash, kind, status,
					    attempts, next_attempt_at, created_at, claim_token)
					values ('k', 'EMAIL', 'd', 'h', 'announced', 'CLAIMED', 0, now(), now(), 'claim')""");
			String text = "The City Commission meets on 8 July at 5:00 PM about the stormwater fee. ".repeat(60);
			String ics = "BEGIN:VCALENDAR\r\nDTSTART;TZID=America/New_York:20250708T170000\r\n".repeat(30);
			try (PreparedStatement sent = bind(connection.prepareStatement(Outbox.sentInOneStep()), OffsetDateTime.now(),
					"<id>", OffsetDateTime.now(), "subject", text, ics, "PUBLISH", id(statement), "claim")) {
				assertThat(sent.executeUpdate()).isOne();
			}
			try (ResultSet row = statement.executeQuery(
					"select pg_column_compression(body_text), pg_column_compression(ics) from notification")) {
				row.next();
				assertThat(row.getString(1)).isEqualTo("lz4");
				assertThat(row.getString(2)).isEqualTo("lz4");
			}
		}
	}

	private static long id(Statement statement) throws SQLException {
		try (ResultSet row = statement.executeQuery("select id from notification")) {
			row.next();
			return row.getLong(1);
		}
	}

	private static String plan(Connection connection, String sql, Object... parameters) throws SQLException {
		StringBuilder plan = new StringBuilder();
		try (PreparedStatement explain = bind(connection.prepareStatement("explain " + sql), parameters)) {
			try (ResultSet rows = explain.executeQuery()) {
				while (rows.next()) {
					plan.append(rows.getString(1)).append('\n');
				}
			}
		}
		return plan.toString();
	}

	private static PreparedStatement bind(PreparedStatement statement, Object... parameters) throws SQLException {
		for (int i = 0; i < parameters.length; i++) {
			statement.setObject(i + 1, parameters[i]);
		}
		return statement;
	}

}
