package org.sunshine.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The updates that record what a sender did with one claimed message find it by its id on PostgreSQL, also
 * after ANALYZE has seen a table where almost nothing is claimed (as it has, between two broadcasts). With a
 * plain {@code status = 'CLAIMED'} the planner took the lease index and walked every claimed row instead.
 */
class OutboxPlansPostgresTests {

	static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

	@Test
	void outcomesOfOneClaimedMessageAreLookedUpByItsId() throws SQLException {
		if (System.getenv("CI") == null) {
			assumeTrue(reachable(), "PostgreSQL is not running on 127.0.0.1:5432");
		}
		String schema = "sunshine_plans_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		String url = POSTGRES + "?currentSchema=" + schema;
		try (Connection connection = DriverManager.getConnection(url, "postgres", "");
				Statement statement = connection.createStatement()) {
			Flyway.configure().dataSource(url, "postgres", "").schemas(schema).defaultSchema(schema)
				.locations("classpath:db/migration/common", "classpath:db/migration/postgresql").load().migrate();
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
		}
		finally {
			try (Connection connection = DriverManager.getConnection(POSTGRES, "postgres", "");
					Statement statement = connection.createStatement()) {
				statement.execute("drop schema if exists " + schema + " cascade");
			}
		}
	}

	private static String plan(Connection connection, String sql, Object... parameters) throws SQLException {
		StringBuilder plan = new StringBuilder();
		try (PreparedStatement explain = connection.prepareStatement("explain " + sql)) {
			for (int i = 0; i < parameters.length; i++) {
				explain.setObject(i + 1, parameters[i]);
			}
			try (ResultSet rows = explain.executeQuery()) {
				while (rows.next()) {
					plan.append(rows.getString(1)).append('\n');
				}
			}
		}
		return plan.toString();
	}

	private static boolean reachable() {
		try (Connection connection = DriverManager.getConnection(POSTGRES, "postgres", "")) {
			return connection.isValid(2);
		}
		catch (SQLException e) {
			return false;
		}
	}

}
