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
import org.junit.jupiter.api.AfterAll;
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
import org.sunshine.meeting.Meetings;

/**
 * Hostile and broken sources, polled by the real Quartz scheduler: each becomes a recorded feed error
 * visible to admins (or, for a calendar with hostile time zone rules, is read without them), the good
 * feed beside them still polls, and the scheduler keeps running.
 * <p>
 * Nothing here races the machine's speed: the fetch timeout is far longer than reading 64 KB from
 * localhost takes, so the oversized body always meets the size cap first, and the stalled source never
 * answers at all, so a timeout is its only possible outcome.
 */
@SpringBootTest(properties = { "spring.quartz.auto-startup=true", "sunshine.feed.timeout=30s",
		"sunshine.feed.max-body-size=64KB" })
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class FeedBadInputTests {

	static final String[] FEEDS = { "xxe", "billion-laughs", "oversized", "stalled", "html-error-page", "invalid-json",
			"bad-event-time", "hostile-time-zone", "good" };

	/** Longer than any poll here takes, the stalled one's 30 s timeout included; an upper bound, not a race. */
	static final Duration PATIENCE = Duration.ofMinutes(2);

	@RegisterExtension
	static WireMockExtension source = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).resetOnEachTest(false).build();

	static final SilentServer stalled = SilentServer.neverAnswering();

	@TempDir
	static Path dir;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		StringBuilder yaml = new StringBuilder("feeds:\n");
		Map<String, String> types = Map.of("html-error-page", "legistar", "invalid-json", "legistar", "bad-event-time",
				"legistar", "hostile-time-zone", "ical", "good", "ical");
		for (String feed : FEEDS) {
			String url = feed.equals("stalled") ? stalled.uri("/stalled").toString()
					: "http://localhost:%d/%s".formatted(source.getPort(), feed);
			yaml.append("""
					  - id: %1$s
					    name: %1$s
					    type: %2$s
					    url: %3$s
					    timezone: America/Detroit
					    every: 1h
					""".formatted(feed, types.getOrDefault(feed, "rss"), url));
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
		source.stubFor(get(urlPathEqualTo("/html-error-page/events")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/html").withBody("<!DOCTYPE html><html><body><h1>Server Error in '/' Application.</h1></body></html>")));
		source.stubFor(get(urlPathEqualTo("/invalid-json/events")).willReturn(okJson("[{\"EventId\": 1, \"EventDate\": ")));
		source.stubFor(get(urlPathEqualTo("/bad-event-time/events")).willReturn(okJson(LegistarFixtures.array(
				LegistarFixtures.event(77, "City Commission", "2018-06-27", "TBD", "City Hall", null)))));
		// Onsets every minute and every second since 1970, which ical4j's CalendarBuilder would expand until the heap
		// is gone; the meeting is at 17:00 in New York, whatever this VTIMEZONE says.
		source.stubFor(get("/hostile-time-zone").willReturn(aResponse().withHeader("Content-Type", "text/calendar").withBody("""
				BEGIN:VCALENDAR
				VERSION:2.0
				PRODID:-//Hostile//EN
				BEGIN:VTIMEZONE
				TZID:America/New_York
				BEGIN:STANDARD
				DTSTART:19700101T000000
				RRULE:FREQ=MINUTELY
				TZOFFSETFROM:-0400
				TZOFFSETTO:-0500
				END:STANDARD
				BEGIN:DAYLIGHT
				DTSTART:19700101T000000
				RRULE:FREQ=SECONDLY
				TZOFFSETFROM:-0500
				TZOFFSETTO:-0400
				END:DAYLIGHT
				END:VTIMEZONE
				BEGIN:VEVENT
				UID:commission@hostile.example.org
				DTSTAMP:20180101T000000Z
				DTSTART;TZID=America/New_York:20180710T170000
				SUMMARY:City Commission
				END:VEVENT
				END:VCALENDAR
				""".replace("\n", "\r\n"))));
		source.stubFor(get("/good").willReturn(aResponse().withHeader("Content-Type", "text/calendar")
			.withBody(resource("feed/read/city-scrapers__det_great_lakes_water_authority.ics"))));
	}

	@AfterAll
	static void stopStalledServer() throws IOException {
		stalled.close();
	}

	@Autowired
	FeedAdmin feeds;

	@Autowired
	Meetings meetings;

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
	void calendarWithHostileTimeZoneRulesIsReadByTheIanaZoneItNames() {
		FeedHealth hostile = awaitPolled("hostile-time-zone");

		assertThat(hostile.lastError()).isNull();
		assertThat(meetings.find(Instant.parse("2018-07-01T00:00:00Z"), Instant.parse("2018-08-01T00:00:00Z"),
				"hostile-time-zone"))
			.singleElement()
			.satisfies(meeting -> assertThat(meeting.start()).isEqualTo(Instant.parse("2018-07-10T21:00:00Z")));
		assertThat(awaitPolled("good").lastError()).isNull();
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
		await().atMost(PATIENCE).until(() -> health("good").polls() >= 2 && health("xxe").polls() >= 2);
		assertThat(health("good").consecutiveFailures()).isZero();
		assertThat(output).doesNotContain("root:x:0:0");
	}

	private FeedHealth awaitPolled(String feed) {
		await().atMost(PATIENCE).until(() -> health(feed).polls() >= 1);
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
