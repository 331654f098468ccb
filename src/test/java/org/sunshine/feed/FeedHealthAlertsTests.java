package org.sunshine.feed;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.sunshine.MutableClock;
import org.sunshine.TestClockConfiguration;

/**
 * A feed that fails for more than a day, recovers, then goes silent for two weeks: the admins hear once when
 * each incident starts and once when it ends, the feed's followers once per incident that alerts may be
 * late, and people who follow other feeds nothing. Time moves on the injected clock; the sweep runs by hand.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class FeedHealthAlertsTests {

	@RegisterExtension
	static WireMockExtension legistar = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@TempDir
	static Path dir;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		StringBuilder yaml = new StringBuilder("feeds:\n");
		for (String feed : new String[] { "flaky", "other" }) {
			yaml.append("""
					  - id: %1$s
					    name: %1$s city
					    type: legistar
					    url: http://localhost:%2$d/v1/%1$s
					    timezone: America/New_York
					    every: 1h
					""".formatted(feed, legistar.getPort()));
		}
		Path feeds = dir.resolve("feeds.yml");
		Files.writeString(feeds, yaml);
		registry.add("sunshine.feeds-file", feeds::toString);
		registry.add("sunshine.outbox-dir", () -> dir.resolve("outbox").toString());
		registry.add("sunshine.admin.email", () -> "ops@example.org,oncall@example.org");
	}

	@Autowired
	FeedIncidents incidents;

	@Autowired
	FeedAdmin feeds;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@Test
	void adminsHearOncePerIncidentAndOnRecoveryFollowersOncePerIncident() throws Exception {
		clock.set(TestClockConfiguration.NOW);
		subscribe("follower@example.org", "+13055550181", "flaky");
		subscribe("bystander@example.org", null, "other");
		jdbc.sql("update contact_point set consent = 'CONFIRMED'").update();
		// Written past the subscription module: tell the journal of interest changes as it would.
		jdbc.sql("insert into interest_change (subscriber_id, changed_at) select id, current_timestamp from subscriber").update();

		legistar.stubFor(get(urlPathEqualTo("/v1/flaky/events")).willReturn(serviceUnavailable()));
		feeds.pollNow("flaky");
		assertThat(incidents.check()).isZero();
		clock.advance(Duration.ofHours(23));
		feeds.pollNow("flaky");
		assertThat(incidents.check()).as("failing for 23 hours is not yet an incident").isZero();

		clock.advance(Duration.ofHours(2));
		assertThat(incidents.check()).isEqualTo(1);
		assertThat(incidents.check()).isZero();
		clock.advance(Duration.ofHours(6));
		feeds.pollNow("flaky");
		assertThat(incidents.check()).as("the same incident is told once").isZero();
		await().atMost(Duration.ofSeconds(60)).until(() -> sent("admin-feed-incident") == 2 && sent("feed-late") == 2);

		legistar.stubFor(get(urlPathEqualTo("/v1/flaky/events")).willReturn(okJson("[]")));
		feeds.pollNow("flaky");
		assertThat(incidents.check()).isEqualTo(1);
		assertThat(incidents.check()).isZero();
		await().atMost(Duration.ofSeconds(60)).until(() -> sent("admin-feed-recovered") == 2);

		clock.advance(Duration.ofDays(15));
		feeds.pollNow("flaky");
		assertThat(incidents.check()).as("silent for 15 days").isEqualTo(1);
		await().atMost(Duration.ofSeconds(60)).until(() -> sent("admin-feed-incident") == 4 && sent("feed-late") == 4);

		assertThat(count("admin-feed-incident")).isEqualTo(4);
		assertThat(count("admin-feed-recovered")).isEqualTo(2);
		assertThat(count("feed-late")).as("email and SMS to the follower, per incident").isEqualTo(4);
		assertThat(jdbc.sql("select count(*) from notification where kind like '%feed%' and destination like 'bystander%'")
			.query(Long.class).single()).isZero();
		assertThat(emailTexts()).anyMatch(text -> text.contains("Subject: Sunshine: feed flaky is failing"))
			.anyMatch(text -> text.contains("Subject: Sunshine: feed flaky is no longer failing"))
			.anyMatch(text -> text.contains("Subject: Sunshine: feed flaky is silent"))
			.anyMatch(text -> text.contains("Subject: Your meeting alerts from flaky city may be late"));
	}

	private void subscribe(String email, String phone, String feed) throws Exception {
		String json = "{\"email\":\"" + email + "\"" + (phone == null ? "" : ",\"phone\":\"" + phone + "\"")
				+ ",\"interests\":[\"police\"],\"feeds\":[\"" + feed + "\"]}";
		HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/api/subscriptions"))
			.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(202);
	}

	private long sent(String kind) {
		return jdbc.sql("select count(*) from notification where kind = ? and status = 'SENT'").param(kind)
			.query(Long.class).single();
	}

	private long count(String kind) {
		return jdbc.sql("select count(*) from notification where kind = ?").param(kind).query(Long.class).single();
	}

	private java.util.List<String> emailTexts() throws IOException {
		try (var files = Files.list(dir.resolve("outbox/email"))) {
			return files.map(file -> {
				try {
					return Files.readString(file);
				}
				catch (IOException e) {
					throw new java.io.UncheckedIOException(e);
				}
			}).toList();
		}
	}

}
