package org.sunshine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.sunshine.TestClockConfiguration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Public listings with many meetings stored (1,500 in the next 90 days, more beyond): pages of a bounded size (the
 * default set to 200 here) that
 * together list every meeting once, limits and spans refused past their caps with a problem naming the field,
 * calendars bounded, and a page's agenda items loaded in one query rather than one per meeting.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"sunshine.feeds-file=src/test/resources/org/sunshine/web/feeds.yml", "sunshine.admin.password=secret",
		"sunshine.outbox-dir=target/test-outbox/listing",
		// Smaller than the shipped 1000, so that 1,500 meetings make several default pages.
		"sunshine.web.listing.default-limit=200" })
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicListingTests {

	static final String FEED = "listing";

	static final int STORED = 1_500;

	private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private final HttpClient http = HttpClient.newHttpClient();

	/** Meetings every hour from now on, two agenda items each; and 20 more half a year and later ahead. */
	@BeforeAll
	void storeManyMeetings() {
		Instant now = TestClockConfiguration.NOW;
		IntStream.range(0, STORED + 20).forEach(i -> {
			Instant start = i < STORED ? now.plus(Duration.ofMinutes(60L * (i + 1)))
					: now.plus(Duration.ofDays(200 + i - STORED));
			jdbc.sql("""
					insert into meeting (feed_id, source_id, jurisdiction, body, title, starts_at, zone, status, sequence,
					    first_seen_at, updated_at)
					values (?, ?, 'City of Listing', 'City Commission', ?, ?, 'America/New_York', 'SCHEDULED', 0, ?, ?)""")
				.params(FEED, "m-" + i, "Meeting " + i, start.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC),
						now.atOffset(ZoneOffset.UTC))
				.update();
		});
		jdbc.sql("""
				insert into agenda_item (meeting_id, item_key, position, number, title)
				select id, 'a', 1, '1', concat('First item of ', title) from meeting where feed_id = ?""").param(FEED).update();
		jdbc.sql("""
				insert into agenda_item (meeting_id, item_key, position, number, title)
				select id, 'b', 2, '2', concat('Second item of ', title) from meeting where feed_id = ?""").param(FEED).update();
	}

	@Test
	void theApiListsAPageOf200WithANextLinkAndFollowingTheLinksListsEveryMeetingOnce() throws Exception {
		List<String> titles = new ArrayList<>();
		List<Integer> pageSizes = new ArrayList<>();
		String url = "/api/meetings?feed=" + FEED;
		while (url != null) {
			HttpResponse<String> response = get(url);
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode page = JSON.readTree(response.body());
			assertThat(page.isArray()).isTrue();
			pageSizes.add(page.size());
			for (JsonNode meeting : page) {
				titles.add(meeting.get("title").asString());
				assertThat(meeting.get("items")).hasSize(2);
				assertThat(meeting.get("items").get(1).get("title").asString()).isEqualTo("Second item of " + meeting.get("title").asString());
			}
			url = next(response);
		}

		assertThat(pageSizes.get(0)).isEqualTo(200);
		assertThat(pageSizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(200));
		assertThat(titles).hasSize(STORED).doesNotHaveDuplicates()
			.containsExactlyElementsOf(IntStream.range(0, STORED).mapToObj(i -> "Meeting " + i).toList());
	}

	@Test
	void aLimitAndTheNextLinkKeepTheOtherParameters() throws Exception {
		HttpResponse<String> first = get("/api/meetings?feed=" + FEED + "&q=meeting&limit=1000&from=2025-07-01&to=2025-10-01");
		assertThat(JSON.readTree(first.body())).hasSize(1000);
		String next = next(first);
		assertThat(next).contains("feed=" + FEED).contains("q=meeting").contains("limit=1000").contains("from=2025-07-01")
			.contains("after=");

		HttpResponse<String> second = get(next);
		assertThat(JSON.readTree(second.body())).hasSize(STORED - 1000);
		assertThat(JSON.readTree(second.body()).get(0).get("title").asString()).isEqualTo("Meeting 1000");
		assertThat(second.headers().firstValue("Link")).isEmpty();
	}

	@ParameterizedTest(name = "{0} -> 400 naming {1}")
	@CsvSource({ "limit=1001, limit", "limit=0, limit", "limit=lots, limit", "from=2025-07-01&to=2035-08-06, to",
			"after=not-a-cursor, after" })
	void refusesWhatIsPastTheCapsWithAProblemNamingTheField(String query, String field) throws Exception {
		HttpResponse<String> response = get("/api/meetings?" + query);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(JSON.readTree(response.body()).get("errors").get(0).get("field").asString()).isEqualTo(field);
	}

	@Test
	void theOpenCivicDataExportIsPagedTheSameWay() throws Exception {
		HttpResponse<String> response = get("/api/meetings.ocd.json?feed=" + FEED);

		assertThat(JSON.readTree(response.body()).get("results")).hasSize(200);
		assertThat(next(response)).contains("/api/meetings.ocd.json?").contains("after=");
	}

	@Test
	void aPageOfItemsIsLoadedInOneQueryNotOnePerMeeting() throws Exception {
		jdbc.sql("set query_statistics true").update();
		long before = itemQueries();

		assertThat(JSON.readTree(get("/api/meetings?feed=" + FEED).body())).hasSize(200);

		assertThat(itemQueries() - before).isEqualTo(1);
	}

	/** Statements that load agenda items by meeting, as H2 counts them (a page's statement differs by its ids). */
	private long itemQueries() {
		return jdbc.sql("""
				select coalesce(sum(execution_count), 0) from information_schema.query_statistics
				where lower(sql_statement) like '%from agenda_item%where meeting_id%'
				and lower(sql_statement) not like '%query_statistics%'""").query(Long.class).single();
	}

	@Test
	void theMeetingsPageShowsFiftyAtATimeWithLinksToEarlierAndLaterPages() throws Exception {
		List<String> links = new ArrayList<>();
		String url = "/meetings?feed=" + FEED;
		int pages = 0;
		while (url != null) {
			Document page = Jsoup.parse(get(url).body());
			pages++;
			List<String> onPage = page.select("ul.meetings > li h2 a").eachAttr("href");
			assertThat(onPage).hasSizeLessThanOrEqualTo(50);
			links.addAll(onPage);
			assertThat(page.select("nav.pages a[rel=prev]").isEmpty()).isEqualTo(pages == 1);
			url = page.select("nav.pages a[rel=next]").attr("href");
			url = url.isEmpty() ? null : url;
		}

		assertThat(pages).isEqualTo(STORED / 50);
		assertThat(links).hasSize(STORED).doesNotHaveDuplicates();
	}

	@Test
	void theCalendarFeedStopsAtItsHorizonAndItsCount() throws Exception {
		String ics = get("/meetings.ics?feed=" + FEED).body();

		assertThat(Pattern.compile("BEGIN:VEVENT").matcher(ics).results().count()).isEqualTo(1000);
		assertThat(ics).contains("SUMMARY:City Commission").doesNotContain("Meeting 1000\r\n");
	}

	private HttpResponse<String> get(String pathOrUrl) throws Exception {
		URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : URI.create("http://localhost:" + port + pathOrUrl);
		return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String next(HttpResponse<String> response) {
		return response.headers().firstValue("Link").map(NEXT::matcher).filter(Matcher::find).map(m -> m.group(1))
			.orElse(null);
	}

}
