package org.sunshine.feed;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.sunshine.LegistarFixtures;
import org.sunshine.TestClockConfiguration;
import org.sunshine.feed.fetch.Fetcher;
import org.sunshine.feed.fetch.HttpFetcher;

/**
 * How a failing feed is recorded and logged: one warning when it starts failing or fails differently, none
 * while the same failure repeats, one line when it recovers; no stack trace per meeting per poll; and an
 * Error raised while reading one feed's document is that feed's recorded failure.
 */
@SpringBootTest(properties = "sunshine.outbox-dir=target/test-outbox/incidents")
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class FeedIncidentTests {

	@RegisterExtension
	static WireMockExtension legistar = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@TempDir
	static Path dir;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		StringBuilder yaml = new StringBuilder("feeds:\n");
		for (String feed : new String[] { "flaky", "refused", "heap", "steady" }) {
			yaml.append("""
					  - id: %1$s
					    name: %1$s
					    type: legistar
					    url: http://localhost:%2$d/%1$s
					    timezone: America/New_York
					    every: 1h
					""".formatted(feed, legistar.getPort()));
		}
		Path feeds = dir.resolve("feeds.yml");
		Files.writeString(feeds, yaml);
		registry.add("sunshine.feeds-file", feeds::toString);
	}

	@TestConfiguration
	static class ExhaustingFetcher {

		/** The real fetcher, except that feed "heap"'s agenda exhausts the heap, as a hostile document can. */
		@Bean
		@Primary
		Fetcher exhaustingFetcher() {
			Fetcher real = new HttpFetcher(Duration.ofSeconds(10), Duration.ofSeconds(60), 1_000_000, "Sunshine-test/1.0");
			return (uri, previous, reach) -> {
				if (uri.getPath().startsWith("/heap/") && uri.getPath().endsWith("/eventitems")) {
					throw new OutOfMemoryError("Java heap space");
				}
				return real.fetch(uri, previous, reach);
			};
		}

	}

	@Autowired
	FeedAdmin feeds;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anErrorWhileReadingOneFeedIsThatFeedsRecordedFailure() {
		serveMeeting("heap", 201, "City Commission");
		serveMeeting("steady", 101, "City Commission");

		FeedHealth heap = feeds.pollNow("heap");
		FeedHealth steady = feeds.pollNow("steady");

		assertThat(heap.lastError()).isEqualTo("OutOfMemoryError while reading: Java heap space");
		assertThat(heap.consecutiveFailures()).isEqualTo(1);
		assertThat(steady.lastError()).isNull();
		assertThat(steady.meetings()).isEqualTo(1);
	}

	@Test
	void aFeedThatKeepsFailingIsLoggedOncePerIncidentAndOnceWhenItRecovers(CapturedOutput output) {
		legistar.stubFor(get(urlPathEqualTo("/flaky/events")).willReturn(aResponse().withStatus(500)));
		for (int poll = 0; poll < 4; poll++) {
			feeds.pollNow("flaky");
		}
		assertThat(count(output, "Feed flaky failed")).isEqualTo(1);

		legistar.stubFor(get(urlPathEqualTo("/flaky/events")).willReturn(aResponse().withStatus(503)));
		feeds.pollNow("flaky");
		feeds.pollNow("flaky");
		assertThat(count(output, "Feed flaky failed")).isEqualTo(2);

		serveMeeting("flaky", 401, "City Commission");
		feeds.pollNow("flaky");
		FeedHealth flaky = feeds.pollNow("flaky");

		assertThat(count(output, "Feed flaky recovered after 6 failed poll(s)")).isEqualTo(1);
		assertThat(count(output, "Feed flaky recovered")).isEqualTo(1);
		assertThat(flaky.consecutiveFailures()).isZero();
		assertThat(flaky.failures()).isEqualTo(6);
	}

	@Test
	void aMeetingTheDatabaseRefusesIsReportedOncePerIncidentWithoutAStackTrace(CapturedOutput output) {
		serveMeeting("refused", 301, "Refused Board");
		jdbc.sql("alter table meeting add constraint test_refused check (title not like 'Refused%')").update();
		try {
			for (int poll = 0; poll < 3; poll++) {
				assertThat(feeds.pollNow("refused").lastError()).startsWith("1 meeting(s) not stored; first: meeting 301");
			}
		}
		finally {
			jdbc.sql("alter table meeting drop constraint test_refused").update();
		}
		assertThat(count(output, "Feed refused failed: 1 meeting(s) not stored")).isEqualTo(1);
		assertThat(output).doesNotContain("could not reconcile").doesNotContain("at org.sunshine.meeting.Meetings");

		FeedHealth refused = feeds.pollNow("refused");

		assertThat(refused.lastError()).isNotNull(); // the last error stays on record, with its time
		assertThat(refused.consecutiveFailures()).isZero();
		assertThat(refused.meetings()).isEqualTo(1);
		assertThat(count(output, "Feed refused recovered after 3 failed poll(s)")).isEqualTo(1);
	}

	private static void serveMeeting(String feed, int eventId, String body) {
		legistar.stubFor(get(urlPathEqualTo("/" + feed + "/events")).willReturn(okJson(LegistarFixtures
			.array(LegistarFixtures.event(eventId, body, "2025-07-08", "5:00 PM", "City Hall", null)))));
		legistar.stubFor(get(urlPathEqualTo("/" + feed + "/events/" + eventId + "/eventitems")).willReturn(okJson(
				LegistarFixtures.array(LegistarFixtures.item(eventId * 10, eventId, 1, "1", "Call to order", null)))));
	}

	private static long count(CapturedOutput output, String text) {
		return Pattern.compile(Pattern.quote(text)).matcher(output.getAll()).results().count();
	}

}
