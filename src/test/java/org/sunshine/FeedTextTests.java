package org.sunshine;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.sunshine.feed.FeedAdmin;
import org.sunshine.feed.FeedHealth;

import tools.jackson.databind.node.ObjectNode;

/**
 * Text from a feed that does not fit its column, or holds characters a database refuses (NUL) or a reader
 * should not see (controls, bidi overrides, zero-width characters), is cleaned and cut where it enters,
 * never lost: a Legistar feed (WireMock, Legistar-shaped responses) polled into H2 here and into
 * PostgreSQL by {@link FeedTextPostgresTests}.
 */
@SpringBootTest(properties = "sunshine.outbox-dir=target/test-outbox/feed-text")
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class FeedTextTests {

	@RegisterExtension
	static WireMockExtension legistar = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@TempDir
	static Path dir;

	@DynamicPropertySource
	static void feeds(DynamicPropertyRegistry registry) throws IOException {
		Path feeds = dir.resolve("feeds.yml");
		Files.writeString(feeds, """
				feeds:
				  - id: untidy
				    name: City of Key West
				    type: legistar
				    url: http://localhost:%1$d/v1/keywest
				    timezone: America/New_York
				    every: 15m
				  - id: untidy-time
				    name: City of Key West
				    type: legistar
				    url: http://localhost:%1$d/v1/untidy-time
				    timezone: America/New_York
				    every: 15m
				  - id: far-ahead
				    name: City of Key West
				    type: legistar
				    url: http://localhost:%1$d/v1/far-ahead
				    timezone: America/New_York
				    every: 15m
				  - id: long-validators
				    name: City of Key West
				    type: legistar
				    url: http://localhost:%1$d/v1/long-validators
				    timezone: America/New_York
				    every: 15m
				""".formatted(legistar.getPort()));
		registry.add("sunshine.feeds-file", feeds::toString);
	}

	@Autowired
	FeedAdmin feeds;

	@Autowired
	JdbcClient jdbc;

	@Test
	void textThatDoesNotFitOrCannotBeStoredIsCleanedAndCutNotLost() {
		serve("first note");

		FeedHealth health = feeds.pollNow("untidy");

		assertThat(health.lastError()).isNull();
		assertThat(health.meetings()).isEqualTo(3);
		Map<String, Object> meeting = jdbc.sql("select * from meeting where source_id = '501'").query().singleRow();
		assertThat((String) meeting.get("body")).hasSizeLessThanOrEqualTo(500).startsWith("City Commission").endsWith("…");
		assertThat((String) meeting.get("title")).hasSizeLessThanOrEqualTo(1000).endsWith("…");
		assertThat((String) meeting.get("location")).hasSizeLessThanOrEqualTo(4000).startsWith("City Hall\nDial-in");
		assertThat((String) meeting.get("description")).hasSizeLessThanOrEqualTo(20000).endsWith("…");
		assertThat(meeting.get("agenda_url")).isNull(); // longer than its column: dropped, not cut into a wrong link
		assertThat((String) meeting.get("source_url")).startsWith("https://keywest.legistar.com/");
		Map<String, Object> item = jdbc.sql("select * from agenda_item where item_key = '5011'").query().singleRow();
		assertThat((String) item.get("title")).hasSizeLessThanOrEqualTo(8000).startsWith("Long whereas").endsWith("…");
		assertThat((String) item.get("text")).hasSizeLessThanOrEqualTo(20000).startsWith("first note");
		assertThat((String) item.get("number")).hasSizeLessThanOrEqualTo(64);
		assertThat((String) item.get("matter_id")).hasSizeLessThanOrEqualTo(200);
		assertThat(titles(502)).containsExactly("Budget amendment", "Call to order");
		assertThat(titles(503)).containsExactly("gnp.exe Stormwater fee", "Bell and [31mred", "Zerowidth");

		// A change between two long texts is stored too (meeting_change keeps 8,000 chars of each).
		serve("second note");
		FeedHealth again = feeds.pollNow("untidy");

		assertThat(again.lastError()).isNull();
		assertThat(again.changes()).isEqualTo(4);
		assertThat(jdbc.sql("select new_value from meeting_change where kind = 'ITEM_CHANGED'").query(String.class).single())
			.hasSizeLessThanOrEqualTo(8000).startsWith("second note");
	}

	/** A meeting dated 9999 (a placeholder, a typo) would be listed as upcoming for ever: it is left out. */
	@Test
	void aMeetingDatedYearsAheadIsLeftOutAndTheOthersKept() {
		legistar.stubFor(get(urlPathEqualTo("/v1/far-ahead/events")).willReturn(okJson(LegistarFixtures.array(
				LegistarFixtures.event(701, "City Commission", "2025-07-08", "5:00 PM", "City Hall", null),
				LegistarFixtures.event(702, "City Commission", "9999-12-31", "5:00 PM", "City Hall", null)))));
		legistar.stubFor(get(urlPathMatching("/v1/far-ahead/events/\\d+/eventitems")).willReturn(okJson("[]")));

		FeedHealth health = feeds.pollNow("far-ahead");

		assertThat(health.lastError()).isNull();
		assertThat(jdbc.sql("select source_id from meeting where feed_id = 'far-ahead'").query(String.class).list())
			.containsExactly("701");
	}

	@Test
	void anErrorQuotingSourceTextIsRecordedWithoutItsControlCharacters() {
		legistar.stubFor(get(urlPathEqualTo("/v1/untidy-time/events")).willReturn(okJson(LegistarFixtures.array(
				LegistarFixtures.event(601, "City Commission", "2025-07-08", "TBD\u0000\u202E\r\nsoon", "City Hall", null)))));

		FeedHealth health = feeds.pollNow("untidy-time");

		assertThat(health.lastError()).contains("unreadable EventTime 'TBD soon'");
		assertThat(health.consecutiveFailures()).isEqualTo(1);
	}

	@Test
	void validatorsTooLongForTheirColumnsAreForgottenNotAFailure() {
		legistar.stubFor(get(urlPathEqualTo("/v1/long-validators/events")).willReturn(okJson(LegistarFixtures.array(
				LegistarFixtures.event(701, "City Commission", "2025-07-08", "5:00 PM", "City Hall", null)))
			.withHeader("ETag", "\"" + "e".repeat(600) + "\"").withHeader("Last-Modified", "Tue, " + "8".repeat(200))));
		legistar.stubFor(get(urlPathEqualTo("/v1/long-validators/events/701/eventitems")).willReturn(okJson("[]")));

		FeedHealth health = feeds.pollNow("long-validators");

		assertThat(health.lastError()).isNull();
		assertThat(health.meetings()).isEqualTo(1);
	}

	private List<String> titles(int eventId) {
		return jdbc.sql("""
				select i.title from agenda_item i join meeting m on m.id = i.meeting_id
				where m.feed_id = 'untidy' and m.source_id = ? order by i.position""").param(String.valueOf(eventId))
			.query(String.class).list();
	}

	/**
	 * Three meetings: one whose every text is too long ({@code note} starts the long text of its item), one with a NUL
	 * in an item title, one with a bidi override, a bell, an escape and a zero-width space in item titles.
	 */
	private static void serve(String note) {
		ObjectNode tooLong = LegistarFixtures.event(501, "City Commission " + words(5000), "2025-07-08", "5:00 PM",
				"City Hall\r\nDial-in " + words(5000), "Comment " + words(25000));
		tooLong.put("EventAgendaFile", "https://keywest.legistar1.com/keywest/" + "a".repeat(2100) + ".pdf");
		ObjectNode longItem = LegistarFixtures.item(5011, 501, 1, "1".repeat(100), "Long " + words(9000),
				"Res. " + "9".repeat(300));
		longItem.put("EventItemAgendaNote", "<p>" + note + " " + words(25000) + "</p>");
		legistar.stubFor(get(urlPathEqualTo("/v1/keywest/events")).willReturn(okJson(LegistarFixtures.array(tooLong,
				LegistarFixtures.event(502, "Planning Board", "2025-07-09", "5:00 PM", "City Hall", null),
				LegistarFixtures.event(503, "Utility Board", "2025-07-10", "5:00 PM", "City Hall", null)))));
		legistar.stubFor(get(urlPathEqualTo("/v1/keywest/events/501/eventitems"))
			.willReturn(okJson(LegistarFixtures.array(longItem))));
		legistar.stubFor(get(urlPathEqualTo("/v1/keywest/events/502/eventitems")).willReturn(okJson(LegistarFixtures.array(
				LegistarFixtures.item(5021, 502, 1, "1", "Budget\u0000 amendment", "Res. 25-1"),
				LegistarFixtures.item(5022, 502, 2, "2", "Call to order", null)))));
		legistar.stubFor(get(urlPathEqualTo("/v1/keywest/events/503/eventitems")).willReturn(okJson(LegistarFixtures.array(
				LegistarFixtures.item(5031, 503, 1, "1", "\u202Egnp.exe\u202C Stormwater fee", "Res. 25-2"),
				LegistarFixtures.item(5032, 503, 2, "2", "Bell\u0007 and \u001B[31mred", "Res. 25-3"),
				LegistarFixtures.item(5033, 503, 3, "3", "Zero\u200Bwidth", "Res. 25-4")))));
	}

	/** About {@code length} chars of words, as a long resolution title is. */
	private static String words(int length) {
		return String.join(" ", List.of("whereas", "the", "commission", "finds", "that")).concat(" ")
			.repeat(length / 30 + 1).substring(0, length);
	}

}
