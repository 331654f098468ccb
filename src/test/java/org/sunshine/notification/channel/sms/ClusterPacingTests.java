package org.sunshine.notification.channel.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.sunshine.notification.channel.sms.TwilioSmsSenderTest.MESSAGES;
import static org.sunshine.notification.channel.sms.TwilioSmsSenderTest.created;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;
import org.sunshine.notification.channel.ChannelProperties;
import org.sunshine.notification.channel.OutgoingSms;
import org.sunshine.notification.channel.SendResult;
import org.sunshine.system.SharedBuckets;

/**
 * Two nodes sending from one Twilio number keep one pace between them: its bucket is a row in PostgreSQL,
 * not one bucket per node (which would let N nodes send N times the number's rate). The buckets' clock is
 * virtual and moves only when a sender parks, so nothing here waits in real time.
 */
class ClusterPacingTests {

	static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	static final String SCHEMA = "sunshine_pace_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	@RegisterExtension
	static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static PGSimpleDataSource database;

	final OutgoingSms sms = new OutgoingSms("alert:42:sub:7", "+13055551234", "City Commission, Tue 5 PM");

	static final Instant START = Instant.parse("2025-07-07T21:00:00Z");

	final VirtualTime time = new VirtualTime(START.getEpochSecond() * 1_000_000_000L, true);

	@BeforeAll
	static void schema() throws SQLException, IOException {
		assumeTrue(System.getenv("CI") != null || reachable(), "PostgreSQL is not running on 127.0.0.1:5432");
		try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
				Statement statement = connection.createStatement();
				InputStream migration = ClusterPacingTests.class
					.getResourceAsStream("/db/migration/postgresql/V7__rate_limit_buckets.sql")) {
			statement.execute("create schema " + SCHEMA);
			statement.execute("set search_path to " + SCHEMA);
			statement.execute(new String(migration.readAllBytes(), StandardCharsets.UTF_8));
		}
		database = new PGSimpleDataSource();
		database.setUrl(URL + "?currentSchema=" + SCHEMA);
		database.setUser("postgres");
	}

	@AfterAll
	static void dropSchema() throws SQLException {
		if (database == null) {
			return;
		}
		try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("drop schema if exists " + SCHEMA + " cascade");
		}
	}

	@Test
	void twoNodesSendingFromOneNumberTogetherKeepItsRate() throws Exception {
		twilio.stubFor(post(MESSAGES).willReturn(created()));
		TwilioSmsSender nodeA = node();
		TwilioSmsSender nodeB = node();

		List<SendResult> results = sendFromBoth(nodeA, nodeB, 20);

		assertThat(results).hasSize(40).allMatch(SendResult.Accepted.class::isInstance);
		assertThat(twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES)))).hasSize(40);
		// 40 texts at 50 a second from one number take 39 slots of 20 ms, whichever node sends them; with a
		// bucket per node the two would have sent them in about 19.
		assertThat(time.now.get() - START.getEpochSecond() * 1_000_000_000L)
			.isGreaterThanOrEqualTo(39 * Duration.ofMillis(20).toNanos());
	}

	private TwilioSmsSender node() {
		ChannelProperties.Twilio settings = new ChannelProperties.Twilio(TwilioSmsSenderTest.SID,
				TwilioSmsSenderTest.TOKEN, TwilioSmsSenderTest.FROM, null, URI.create(twilio.baseUrl()), 50);
		return new TwilioSmsSender(settings, () -> "https://sunshine.example.org",
				SharedBuckets.inPostgres(database, time), time);
	}

	/** Each node sends {@code each} texts from two threads of its own, both nodes at once. */
	private List<SendResult> sendFromBoth(TwilioSmsSender nodeA, TwilioSmsSender nodeB, int each) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Callable<SendResult>> sends = new ArrayList<>();
			for (int i = 0; i < each; i++) {
				sends.add(() -> nodeA.send(this.sms));
				sends.add(() -> nodeB.send(this.sms));
			}
			List<SendResult> results = new ArrayList<>();
			for (Future<SendResult> result : threads.invokeAll(sends)) {
				results.add(result.get());
			}
			return results;
		}
		finally {
			threads.shutdownNow();
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
