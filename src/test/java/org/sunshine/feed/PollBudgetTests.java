package org.sunshine.feed;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.sunshine.LegistarFixtures;
import org.sunshine.MutableClock;
import org.sunshine.TestClockConfiguration;
import org.sunshine.feed.fetch.Fetcher;
import org.sunshine.feed.fetch.HttpFetcher;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.Meetings;

/**
 * Every poll has a time budget and caps on meetings and items, whatever the reader; what a poll leaves out or
 * leaves for later is on the feed's status, and what is stored already is never lost. Time here is the injected
 * clock: each request to the "slow" source moves it two minutes on, so the 5-minute budget is spent by the third
 * request on every machine, however loaded.
 */
@SpringBootTest(properties = { "sunshine.feed.scheduling=false", "sunshine.feed.max-meetings=4",
		"sunshine.feed.max-items=3", "sunshine.feed.reread-within=1d" })
@ActiveProfiles("test")
@Import({ TestClockConfiguration.class, PollBudgetTests.SlowSource.class })
class PollBudgetTests {

	@RegisterExtension
	static WireMockExtension source = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@TempDir
	static Path config;

	@TestConfiguration(proxyBeanMethods = false)
	static class SlowSource {

		/** The real fetcher; a request to /slow/ takes two minutes of the test clock. */
		@Bean
		@Primary
		Fetcher slowFetcher(MutableClock clock) {
			Fetcher real = new HttpFetcher(Duration.ofSeconds(10), Duration.ofSeconds(60), 1_000_000, "Sunshine-test/1.0");
			return (uri, previous, reach) -> {
				if (uri.getPath().startsWith("/slow/")) {
					clock.advance(Duration.ofMinutes(2));
				}
				return real.fetch(uri, previous, reach);
			};
		}

	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		String feed = """
				  - id: %1$s
				    name: %1$s
				    type: %2$s
				    url: http://localhost:%3$d/%1$s
				    timezone: America/New_York
				    every: 15m
				""";
		int port = source.getPort();
		Path feeds = config.resolve("feeds.yml");
		Files.writeString(feeds, "feeds:\n" + feed.formatted("slow", "legistar", port)
				+ feed.formatted("crowded", "rss", port) + feed.formatted("long-agenda", "legistar", port)
				+ feed.formatted("steady", "legistar", port));
		registry.add("sunshine.feeds-file", feeds::toString);
	}

	@Autowired
	FeedAdmin feeds;

	@Autowired
	Meetings meetings;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void serve() {
		clock.set(TestClockConfiguration.NOW);
		source.stubFor(get(urlPathMatching("/[a-z-]+/events/[0-9]+/eventitems")).willReturn(okJson("[]")));
	}

	static String day(int daysAhead) {
		return LocalDate.ofInstant(TestClockConfiguration.NOW, ZoneOffset.UTC).plusDays(daysAhead).toString();
	}

	@Test
	void aPollStopsFetchingWhenItsBudgetIsSpentKeepsWhatItReadAndTheNextPollReadsTheRest() {
		source.stubFor(get(urlPathEqualTo("/slow/events")).willReturn(okJson(LegistarFixtures.array(
				LegistarFixtures.event(11, "City Commission", day(5), "5:00 PM", "City Hall", null),
				LegistarFixtures.event(12, "City Commission", day(6), "5:00 PM", "City Hall", null),
				LegistarFixtures.event(13, "City Commission", day(7), "5:00 PM", "City Hall", null),
				LegistarFixtures.event(14, "City Commission", day(8), "5:00 PM", "City Hall", null)))));

		FeedHealth first = feeds.pollNow("slow");

		assertThat(first.lastError()).isNull();
		assertThat(first.meetings()).isEqualTo(2);
		assertThat(first.warning()).isEqualTo("2 event(s) left for the next poll: the poll budget was spent");

		FeedHealth second = feeds.pollNow("slow");

		assertThat(second.lastError()).isNull();
		assertThat(second.meetings()).isEqualTo(4);
		assertThat(second.warning()).isNull();
		// The events read by the first poll were not asked for again: their stamps had not changed.
		source.verify(1, getRequestedFor(urlPathEqualTo("/slow/events/11/eventitems")));
		source.verify(1, getRequestedFor(urlPathEqualTo("/slow/events/13/eventitems")));
	}

	@Test
	void everyReaderKeepsTheEarliestMaxMeetingsAndSaysHowManyItLeftOut() {
		StringBuilder items = new StringBuilder();
		for (int i = 6; i >= 1; i--) {
			items.append("<item><title>Meeting ").append(i).append("</title><guid isPermaLink=\"false\">m-").append(i)
				.append("</guid><pubDate>").append(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
					.format(TestClockConfiguration.NOW.plus(Duration.ofDays(i)).atOffset(ZoneOffset.UTC)))
				.append("</pubDate></item>");
		}
		source.stubFor(get(urlPathEqualTo("/crowded")).willReturn(aResponse().withHeader("Content-Type", "application/rss+xml")
			.withBody("<rss version=\"2.0\"><channel><title>Crowded</title>" + items + "</channel></rss>")));

		FeedHealth health = feeds.pollNow("crowded");

		assertThat(health.lastError()).isNull();
		assertThat(health.warning()).isEqualTo("2 meeting(s) beyond max-meetings (4) left out");
		assertThat(stored("crowded")).extracting(Meeting::title)
			.containsExactly("Meeting 1", "Meeting 2", "Meeting 3", "Meeting 4");
	}

	@Test
	void aMeetingKeepsItsFirstMaxItemsItemsAndTheStatusSaysSo() {
		source.stubFor(get(urlPathEqualTo("/long-agenda/events")).willReturn(okJson(LegistarFixtures.array(
				LegistarFixtures.event(21, "City Commission", day(5), "5:00 PM", "City Hall", null)))));
		source.stubFor(get(urlPathEqualTo("/long-agenda/events/21/eventitems")).willReturn(okJson(items(21, "Item"))));

		FeedHealth health = feeds.pollNow("long-agenda");

		assertThat(health.lastError()).isNull();
		assertThat(health.warning()).isEqualTo("1 agenda item(s) beyond max-items (3 per meeting) left out");
		assertThat(stored("long-agenda").get(0).items()).extracting(item -> item.title())
			.containsExactly("Item 1", "Item 2", "Item 3");
	}

	@Test
	void pollingTheSameAgendaAgainWritesNoItemRowsAndAChangedItemIsUpdatedInPlace() {
		source.stubFor(get(urlPathEqualTo("/steady/events")).willReturn(okJson(LegistarFixtures.array(
				LegistarFixtures.event(31, "City Commission", day(5), "5:00 PM", "City Hall", null)))));
		source.stubFor(get(urlPathEqualTo("/steady/events/31/eventitems")).willReturn(okJson(itemsOf(31, 3, "Item"))));
		assertThat(feeds.pollNow("steady").lastError()).isNull();
		Map<String, Long> before = itemIds("steady");
		assertThat(before).hasSize(3);

		// A day on, the event is read in full again although its stamps did not change.
		clock.advance(Duration.ofHours(25));
		assertThat(feeds.pollNow("steady").lastError()).isNull();
		source.verify(2, getRequestedFor(urlPathEqualTo("/steady/events/31/eventitems")));
		assertThat(itemIds("steady")).as("same rows, not deleted and inserted again").isEqualTo(before);

		source.stubFor(get(urlPathEqualTo("/steady/events/31/eventitems"))
			.willReturn(okJson(itemsOf(31, 3, "Item").replace("Item 2", "Item 2 (amended)"))));
		clock.advance(Duration.ofHours(25));
		assertThat(feeds.pollNow("steady").lastError()).isNull();
		assertThat(itemIds("steady")).isEqualTo(before);
		assertThat(stored("steady").get(0).items()).extracting(item -> item.title())
			.containsExactly("Item 1", "Item 2 (amended)", "Item 3");
	}

	private static String items(int eventId, String title) {
		return itemsOf(eventId, 4, title);
	}

	private static String itemsOf(int eventId, int count, String title) {
		var nodes = new tools.jackson.databind.JsonNode[count];
		for (int i = 0; i < count; i++) {
			nodes[i] = LegistarFixtures.item(eventId * 100 + i + 1, eventId, i + 1, String.valueOf(i + 1),
					title + " " + (i + 1), null);
		}
		return LegistarFixtures.array(nodes);
	}

	private Map<String, Long> itemIds(String feedId) {
		Map<String, Long> ids = new java.util.HashMap<>();
		jdbc.sql("select i.item_key, i.id from agenda_item i join meeting m on m.id = i.meeting_id where m.feed_id = ?")
			.param(feedId)
			.query((rs, row) -> ids.put(rs.getString(1), rs.getLong(2)))
			.list();
		return ids;
	}

	private List<Meeting> stored(String feedId) {
		return meetings.find(TestClockConfiguration.NOW.minus(Duration.ofDays(1)),
				TestClockConfiguration.NOW.plus(Duration.ofDays(60)), feedId);
	}

}
