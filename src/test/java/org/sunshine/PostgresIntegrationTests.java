package org.sunshine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.sunshine.meeting.AgendaItemSnapshot;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.meeting.Meetings;
import org.sunshine.subscription.NewSubscription;
import org.sunshine.subscription.Subscriptions;

/**
 * The production database: Flyway migrations (ours and Quartz's), reconciliation and the outbox on a
 * real PostgreSQL 15, with Quartz clustered as in the {@code postgres} profile. Each run gets its own
 * schema, dropped afterwards. CI starts PostgreSQL (.ci/run); outside CI a machine without it skips this.
 */
@SpringBootTest(properties = { "sunshine.feeds-file=src/test/resources/org/sunshine/web/feeds.yml",
		"sunshine.outbox-dir=target/test-outbox/postgres" })
@ActiveProfiles({ "test", "postgres" })
class PostgresIntegrationTests {

	static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	static final String SCHEMA = "sunshine_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		boolean reachable = reachable();
		if (System.getenv("CI") == null) {
			assumeTrue(reachable, "PostgreSQL is not running on 127.0.0.1:5432");
		}
		registry.add("spring.datasource.url", () -> URL + "?currentSchema=" + SCHEMA);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.flyway.schemas", () -> SCHEMA);
		registry.add("spring.flyway.default-schema", () -> SCHEMA);
	}

	@TestConfiguration
	static class Time {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(Instant.parse("2025-07-03T14:00:00Z"));
		}

	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Meetings meetings;

	@Autowired
	Subscriptions subscriptions;

	@Autowired
	Scheduler scheduler;

	@Test
	void runsOnPostgresWithQuartzClustered() throws Exception {
		assertThat(jdbc.sql("select current_schema()").query(String.class).single()).isEqualTo(SCHEMA);
		assertThat(jdbc.sql("select count(*) from information_schema.tables where table_schema = ? and table_name = 'qrtz_triggers'")
			.param(SCHEMA).query(Integer.class).single()).isEqualTo(1);
		assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
		assertThat(scheduler.getMetaData().isJobStoreSupportsPersistence()).isTrue();
	}

	@Test
	void aMatchedChangeIsStoredWithItsOutboxMessagesExactlyOnce() {
		subscriptions.subscribe(new NewSubscription("resident@example.org", "+13055550123", "en", List.of("287(g)"),
				List.of(), null, null, null, null, null, "test"), "127.0.0.1");
		assertThat(jdbc.sql("select channel from notification where kind = 'confirm' order by channel").query(String.class)
			.list()).containsExactly("EMAIL", "SMS");
		jdbc.sql("update contact_point set consent = 'CONFIRMED'").update();
		// Written past the subscription module: tell the journal of interest changes as it would.
		jdbc.sql("insert into interest_change (subscriber_id, changed_at) select id, current_timestamp from subscriber").update();
		MeetingSnapshot special = new MeetingSnapshot("key-west", "4102", "City of Key West", "City Commission",
				"City Commission", Instant.parse("2025-07-08T21:00:00Z"), ZoneId.of("America/New_York"),
				"City Hall, 1300 White Street", MeetingStatus.SCHEDULED, null, null, "Special Meeting",
				List.of(new AgendaItemSnapshot("9102", "2", "Resolution reinstating the 287(g) agreement", null,
						"Res. 25-212", List.of())));

		assertThat(meetings.reconcile("key-west", List.of(special)).meetingsChanged()).isEqualTo(1);
		assertThat(meetings.reconcile("key-west", List.of(special)).meetingsChanged()).isZero();
		Planning.awaitPlanned(jdbc);

		assertThat(jdbc.sql("select channel from notification where kind <> 'confirm' order by channel").query(String.class).list())
			.containsExactly("EMAIL", "SMS");
		assertThat(meetings.find(Instant.parse("2025-07-01T00:00:00Z"), Instant.parse("2025-08-01T00:00:00Z"), "key-west"))
			.singleElement().satisfies(meeting -> {
				assertThat(meeting.localStart().toLocalTime()).hasToString("17:00");
				assertThat(meeting.items()).hasSize(1);
			});
	}

	/**
	 * The queries the senders and sweeps run all the time must find their rows through an index, whatever
	 * the tables hold (1,000,000 subscribers, millions of messages). With sequential scans switched off,
	 * PostgreSQL still plans one when no index can serve, so a "Seq Scan" in a plan is a missing index.
	 */
	@Test
	void outboxReminderAndDigestQueriesUseIndexes() throws SQLException {
		List<String> queries = List.of(
				"select id from notification where status = 'PENDING' and channel = 'EMAIL' "
						+ "and next_attempt_at <= now() order by next_attempt_at, id limit 50 for update skip locked",
				"select id from notification where status = 'CLAIMED' and claimed_until < now()",
				"select id from notification where status = 'SENDING' and channel = 'EMAIL' and claimed_until < now()",
				"select subscriber_id, item_keys from notification where meeting_id = 1 and kind <> 'confirm'",
				"select item_keys from notification where meeting_id = 1 and subscriber_id = 2",
				"select id from reminder where status = 'PENDING' and due_at <= now() order by due_at",
				"select distinct lead from reminder where meeting_id = 1",
				"select id from digest_entry where subscriber_id = 1 and digest_key is null",
				"select subscriber_id from digest_entry where meeting_id = 1",
				"select id from message_plan where plan_hash = 'x'",
				"select * from contact_point where subscriber_id in (1, 2, 3)",
				"select * from subscriber where id in (1, 2, 3)",
				"select * from meeting_change where revision_id = 1",
				"select id from notification where idempotency_key in ('a', 'b')");
		try (Connection connection = DriverManager.getConnection(URL + "?currentSchema=" + SCHEMA, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("set enable_seqscan = off");
			for (String query : queries) {
				StringBuilder plan = new StringBuilder();
				try (ResultSet rows = statement.executeQuery("explain " + query)) {
					while (rows.next()) {
						plan.append(rows.getString(1)).append('\n');
					}
				}
				assertThat(plan.toString()).as(query).doesNotContain("Seq Scan");
			}
		}
	}

	/**
	 * A sender's claim reads the index in the claim's own order (due time, then id) and stops at the rows it
	 * takes: all of a broadcast's messages share one due time, and a sort of the ties read every pending row.
	 */
	@Test
	void aClaimReadsItsRowsInIndexOrderWithoutSorting() throws SQLException {
		try (Connection connection = DriverManager.getConnection(URL + "?currentSchema=" + SCHEMA, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("set enable_seqscan = off");
			StringBuilder plan = new StringBuilder();
			try (ResultSet rows = statement.executeQuery("explain select id from notification where status = 'PENDING' "
					+ "and channel = 'EMAIL' and next_attempt_at <= now() order by next_attempt_at, id limit 50 "
					+ "for update skip locked")) {
				while (rows.next()) {
					plan.append(rows.getString(1)).append('\n');
				}
			}
			assertThat(plan.toString()).contains("Index Scan using notification_due").doesNotContain("Sort");
		}
	}

	/**
	 * Delivery receipts, campaigns and followers find their messages through partial indexes, which hold only
	 * the rows that have the value: a topic alert writes no entry in them at any change of state.
	 */
	@Test
	void lookUpsByProviderCampaignAndFollowerUseTheirPartialIndexes() throws SQLException {
		Map<String, String> queries = Map.of(
				"update notification set delivery_status = 'delivered' where provider_id = 'SM1'", "notification_provider",
				"select count(*) from notification where kind = 'campaign' and campaign_id in (1, 2)", "notification_campaign",
				"select id from notification where follower_id = 3", "notification_follower");
		try (Connection connection = DriverManager.getConnection(URL + "?currentSchema=" + SCHEMA, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("set enable_seqscan = off");
			for (Map.Entry<String, String> query : queries.entrySet()) {
				StringBuilder plan = new StringBuilder();
				try (ResultSet rows = statement.executeQuery("explain " + query.getKey())) {
					while (rows.next()) {
						plan.append(rows.getString(1)).append('\n');
					}
				}
				assertThat(plan.toString()).as(query.getKey()).contains(query.getValue());
			}
			try (ResultSet rows = statement.executeQuery("""
					select indexname from pg_indexes where schemaname = current_schema()
					  and tablename = 'notification' and indexdef like '% WHERE %'""")) {
				List<String> partial = new java.util.ArrayList<>();
				while (rows.next()) {
					partial.add(rows.getString(1));
				}
				assertThat(partial).containsExactlyInAnyOrder("notification_provider", "notification_campaign",
						"notification_follower");
			}
		}
	}

	@AfterAll
	static void dropSchema() throws SQLException {
		if (!reachable()) {
			return;
		}
		try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("drop schema if exists " + SCHEMA + " cascade");
		}
	}

	private static boolean reachable() {
		try (Connection connection = DriverManager.getConnection(URL, "postgres", "")) {
			return connection.isValid(2);
		}
		catch (SQLException e) {
			return false;
		}
	}

}
