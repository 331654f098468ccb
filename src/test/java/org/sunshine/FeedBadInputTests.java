package org.sunshine;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.sunshine.feed.FeedAdmin;
import org.sunshine.feed.FeedHealth;

/**
 * Hostile and broken sources, polled by the real Quartz scheduler: each becomes a recorded feed error
 * visible to admins, the good feed beside them still polls, and the scheduler keeps running.
 */
@SpringBootTest(properties = { "spring.quartz.auto-startup=true", "sunshine.feed.timeout=1s",
		"sunshine.feed.max-body-size=64KB" })
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class FeedBadInputTests {

	static final String[] FEEDS = { "xxe", "billion-laughs", "oversized", "stalled", "html-error-page", "invalid-json",
			"bad-event-time", "good" };

	@RegisterExtension
	static WireMockExtension source = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).resetOnEachTest(false).build();

	@TempDir
	static Path dir;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		StringBuilder yaml = new StringBuilder("feeds:\n");
		Map<String, String> types = Map.of("html-error-page", "legistar", "invalid-json", "legistar", "bad-event-time",
				"legistar", "good", "ical");
		for (String feed : FEEDS) {
			yaml.append("""
					  - id: %1$s
					    name: %1$s
					    type: %2$s
					    url: http://localhost:%3$d/%1$s
					    timezone: America/Detroit
					    every: 1h
					""".formatted(feed, types.getOrDefault(feed, "rss"), source.getPort()));
		}
		Path feeds = dir.resolve("feeds.yml");
		Files.writeString(feeds, yaml);
		registry.add("sunshine.feeds-file", feeds::toString);
		registry.add("sunshine.outbox-dir", () -> dir.resolve("outbox").toString());
	}

	@TestConfiguration
	static class Time {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(Instant.parse("2018-06-20T12:00:00Z"));
		}

	}

	@BeforeAll
	static void serveBadInput() {
		source.stubFor(get("/xxe").willReturn(rss("""
				<?xml version="1.0"?>
				<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
				<rss version="2.0"><channel><title>x</title><item><title>&xxe;</title></item></channel></rss>""")));
		source.stubFor(get("/billion-laughs").willReturn(rss("""
				<?xml version="1.0"?>
				<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
				<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
				<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
				<rss version="2.0"><channel><title>&lol4;</title></channel></rss>""")));
		source.stubFor(get("/oversized").willReturn(rss("<rss version=\"2.0\"><channel>" + "<item><title>x</title></item>".repeat(20_000))));
		source.stubFor(get("/stalled").willReturn(rss("<rss version=\"2.0\"><channel></channel></rss>").withFixedDelay(5_000)));
		source.stubFor(get(urlPathEqualTo("/html-error-page/events")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/html").withBody("<!DOCTYPE html><html><body><h1>Server Error in '/' Application.</h1></body></html>")));
		source.stubFor(get(urlPathEqualTo("/invalid-json/events")).willReturn(okJson("[{\"EventId\": 1, \"EventDate\": ")));
		source.stubFor(get(urlPathEqualTo("/bad-event-time/events")).willReturn(okJson(LegistarFixtures.array(
				LegistarFixtures.event(77, "City Commission", "2018-06-27", "TBD", "City Hall", null)))));
		source.stubFor(get("/good").willReturn(aResponse().withHeader("Content-Type", "text/calendar")
			.withBody(resource("feed/read/city-scrapers__det_great_lakes_water_authority.ics"))));
	}

	@Autowired
	FeedAdmin feeds;

	@Autowired
	Scheduler scheduler;

	@ParameterizedTest(name = "{0} becomes a recorded feed error")
	@CsvSource(delimiter = '|', value = { "xxe|DOCTYPE", "billion-laughs|DOCTYPE", "oversized|larger than",
			"stalled|did not complete within", "html-error-page|html", "invalid-json|JSON", "bad-event-time|TBD" })
	void badInputBecomesARecordedFeedError(String feed, String expected) {
		FeedHealth health = awaitPolled(feed);
		assertThat(health.lastError()).isNotNull().containsIgnoringCase(expected).doesNotContain("root:x:0:0");
		assertThat(health.consecutiveFailures()).isPositive();
		assertThat(health.lastSuccessAt()).isNull();
	}

	@Test
	void goodFeedBesideThemStillPollsAndTheSchedulerKeepsRunning(CapturedOutput output) throws Exception {
		FeedHealth good = awaitPolled("good");
		assertThat(good.lastError()).isNull();
		assertThat(good.meetings()).isPositive();
		for (String feed : FEEDS) {
			awaitPolled(feed);
		}
		assertThat(scheduler.isStarted()).isTrue();
		assertThat(scheduler.isShutdown()).isFalse();

		scheduler.triggerJob(JobKey.jobKey("good", "feeds"));
		scheduler.triggerJob(JobKey.jobKey("xxe", "feeds"));
		await().atMost(Duration.ofSeconds(20)).until(() -> health("good").polls() >= 2 && health("xxe").polls() >= 2);
		assertThat(health("good").consecutiveFailures()).isZero();
		assertThat(output).doesNotContain("root:x:0:0");
	}

	private FeedHealth awaitPolled(String feed) {
		await().atMost(Duration.ofSeconds(30)).until(() -> health(feed).polls() >= 1);
		return health(feed);
	}

	private FeedHealth health(String feed) {
		return feeds.health().stream().filter(health -> health.id().equals(feed)).findFirst().orElseThrow();
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder rss(String body) {
		return aResponse().withHeader("Content-Type", "application/rss+xml").withBody(body);
	}

	private static byte[] resource(String name) {
		try (InputStream in = FeedBadInputTests.class.getResourceAsStream(name)) {
			return in.readAllBytes();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
