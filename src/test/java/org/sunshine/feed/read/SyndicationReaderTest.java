package org.sunshine.feed.read;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sunshine.feed.read.FeedTestSupport.bytes;
import static org.sunshine.feed.read.FeedTestSupport.feed;
import static org.sunshine.feed.read.FeedTestSupport.poll;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sunshine.feed.catalogue.FeedDefinition;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

class SyndicationReaderTest {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final SyndicationReader rss = new SyndicationReader(FeedType.RSS);

	private final SyndicationReader atom = new SyndicationReader(FeedType.ATOM);

	private static void serve(byte[] body, String contentType) {
		wm.stubFor(get(urlPathEqualTo("/feed")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", contentType)
			.withBody(body)));
	}

	private static FeedDefinition feedOf(FeedType type, String zone) {
		return feed(type, wm.baseUrl() + "/feed", zone);
	}

	private static String rssWith(String items) {
		return "<rss version=\"2.0\"><channel><title>Agendas</title><link>https://example.org/</link>"
				+ "<description>x</description>" + items + "</channel></rss>";
	}

	@Test
	void readsTheHaccEventsFeedWherePubDateIsTheEventStart() throws Exception {
		serve(bytes("city-scrapers__hacc_feed.txt"), "application/rss+xml; charset=UTF-8");

		List<MeetingSnapshot> meetings = poll(rss, feedOf(FeedType.RSS, "America/Chicago"),
				Instant.parse("2018-05-29T17:03:26Z"));

		assertThat(meetings).hasSize(6);
		MeetingSnapshot first = meetings.get(0);
		assertThat(first.sourceId()).isEqualTo("http://thehacc.org/?post_type=tribe_events&p=2836");
		assertThat(first.title()).isEqualTo("HACC-Harper College Scholarship Info Session");
		assertThat(first.body()).isEqualTo("Test Jurisdiction");
		assertThat(first.start()).isEqualTo(Instant.parse("2018-05-30T22:30:00Z"));
		assertThat(first.sourceUrl()).isEqualTo("http://thehacc.org/event/hacc-harper-college-scholarship-info-session/");
		assertThat(first.agendaUrl()).isNull();
		assertThat(first.description()).startsWith("The Housing Authority of Cook County is partnering")
			.doesNotContain("<p>", "<a ");
		assertThat(first.status()).isEqualTo(MeetingStatus.SCHEDULED);
		assertThat(first.items()).isEmpty();
		assertThat(meetings.get(3).title()).isEqualTo("Landlord Workshop \u2013 Nuts and Bolts of HCV Program");
	}

	@Test
	void dropsEntriesThatStartedMoreThanADayAgo() throws Exception {
		serve(bytes("city-scrapers__hacc_feed.txt"), "application/rss+xml; charset=UTF-8");

		List<MeetingSnapshot> meetings = poll(rss, feedOf(FeedType.RSS, "America/Chicago"),
				Instant.parse("2018-06-01T12:00:00Z"));

		assertThat(meetings).extracting(MeetingSnapshot::start).first()
			.isEqualTo(Instant.parse("2018-05-31T22:30:00Z"));
		assertThat(meetings).hasSize(5);
	}

	@Test
	void readsAtomWithPublishedThenUpdatedDates() throws Exception {
		serve("""
				<?xml version="1.0" encoding="utf-8"?>
				<feed xmlns="http://www.w3.org/2005/Atom">
				  <title>Town Meetings</title>
				  <id>urn:uuid:60a76c80-d399-11d9-b91C-0003939e0af6</id>
				  <updated>2025-03-01T12:00:00Z</updated>
				  <entry>
				    <title>Planning Board</title>
				    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
				    <link href="https://town.example.org/meetings/planning-2025-03-04"/>
				    <published>2025-03-04T23:00:00Z</published>
				    <updated>2025-03-01T10:00:00Z</updated>
				    <summary type="html">&lt;p&gt;Room 2, &lt;b&gt;Town Hall&lt;/b&gt;&lt;/p&gt;</summary>
				  </entry>
				  <entry>
				    <title>Select Board - CANCELLED</title>
				    <id>urn:uuid:2225c695-cfb8-4ebb-aaaa-80da344efa6b</id>
				    <link href="https://town.example.org/docs/select-board.pdf"/>
				    <updated>2025-03-05T18:30:00-05:00</updated>
				  </entry>
				</feed>
				""".getBytes(StandardCharsets.UTF_8), "application/atom+xml");

		List<MeetingSnapshot> meetings = poll(atom, feedOf(FeedType.ATOM, "America/New_York"),
				Instant.parse("2025-03-02T00:00:00Z"));

		assertThat(meetings).hasSize(2);
		assertThat(meetings.get(0).sourceId()).isEqualTo("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a");
		assertThat(meetings.get(0).start()).isEqualTo(Instant.parse("2025-03-04T23:00:00Z"));
		assertThat(meetings.get(0).description()).isEqualTo("Room 2, Town Hall");
		assertThat(meetings.get(0).status()).isEqualTo(MeetingStatus.SCHEDULED);
		assertThat(meetings.get(1).start()).isEqualTo(Instant.parse("2025-03-05T23:30:00Z"));
		assertThat(meetings.get(1).status()).isEqualTo(MeetingStatus.CANCELLED);
		assertThat(meetings.get(1).agendaUrl()).isEqualTo("https://town.example.org/docs/select-board.pdf");
	}

	@Test
	void takesTheCivicPlusMeetingDateFromTheAgendaLinkNotPubDate() throws Exception {
		serve(rssWith("""
				<item><title>Board of Commissioners</title>
				<link>https://nc-nashcounty.civicplus.com/AgendaCenter/ViewFile/Agenda/_05052020-382</link>
				<pubDate>Thu, 30 Apr 2020 14:12:00 -0400</pubDate>
				<guid isPermaLink="false">AgendaCenter-382</guid></item>""").getBytes(StandardCharsets.UTF_8),
				"application/rss+xml");

		List<MeetingSnapshot> meetings = poll(rss, feedOf(FeedType.RSS, "America/New_York"),
				Instant.parse("2020-05-01T12:00:00Z"));

		assertThat(meetings).singleElement().satisfies(meeting -> {
			// Local midnight: the feed publishes the day of the meeting but not its time.
			assertThat(meeting.start()).isEqualTo(Instant.parse("2020-05-05T04:00:00Z"));
			assertThat(meeting.sourceId()).isEqualTo("AgendaCenter-382");
			assertThat(meeting.agendaUrl())
				.isEqualTo("https://nc-nashcounty.civicplus.com/AgendaCenter/ViewFile/Agenda/_05052020-382");
			assertThat(meeting.documents()).singleElement().satisfies(agenda -> {
				assertThat(agenda.title()).isEqualTo("Agenda");
				assertThat(agenda.url()).isEqualTo(meeting.agendaUrl());
			});
		});
	}

	@Test
	void readsIso88591DeclaredOnlyInTheProlog() throws Exception {
		serve(("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + rssWith(
				"<item><title>S\u00e9ance du Comit\u00e9</title><guid>m-1</guid><pubDate>Tue, 04 Mar 2025 23:00:00 GMT</pubDate></item>"))
			.getBytes(StandardCharsets.ISO_8859_1), "application/rss+xml");

		List<MeetingSnapshot> meetings = poll(rss, feedOf(FeedType.RSS, "America/New_York"),
				Instant.parse("2025-03-01T00:00:00Z"));

		assertThat(meetings).extracting(MeetingSnapshot::title).containsExactly("S\u00e9ance du Comit\u00e9");
	}

	/** Windows tools write UTF-16 little-endian with a byte-order mark, and servers label it loosely. */
	@ParameterizedTest
	@ValueSource(strings = { "application/rss+xml", "text/xml; charset=UTF-16", "application/xml; charset=utf-16le",
			"text/xml; charset=UTF-8" })
	void readsUtf16LittleEndianWithAByteOrderMark(String contentType) throws Exception {
		String xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + rssWith(
				"<item><title>Reuni\u00f3n de la Comisi\u00f3n</title><guid>m-1</guid><pubDate>Tue, 04 Mar 2025 23:00:00 GMT</pubDate></item>");
		byte[] body = ("\ufeff" + xml).getBytes(StandardCharsets.UTF_16LE);
		serve(body, contentType);

		List<MeetingSnapshot> meetings = poll(rss, feedOf(FeedType.RSS, "America/New_York"),
				Instant.parse("2025-03-01T00:00:00Z"));

		assertThat(meetings).extracting(MeetingSnapshot::title).containsExactly("Reuni\u00f3n de la Comisi\u00f3n");
	}

	@Test
	void readsIso88591DeclaredOnlyInTheContentType() throws Exception {
		serve(("<?xml version=\"1.0\"?>" + rssWith(
				"<item><title>S\u00e9ance du Comit\u00e9</title><guid>m-1</guid><pubDate>Tue, 04 Mar 2025 23:00:00 GMT</pubDate></item>"))
			.getBytes(StandardCharsets.ISO_8859_1), "text/xml; charset=ISO-8859-1");

		List<MeetingSnapshot> meetings = poll(rss, feedOf(FeedType.RSS, "America/New_York"),
				Instant.parse("2025-03-01T00:00:00Z"));

		assertThat(meetings).extracting(MeetingSnapshot::title).containsExactly("S\u00e9ance du Comit\u00e9");
	}

	@Test
	void refusesExternalEntities() {
		serve(("<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" + rssWith(
				"<item><title>&xxe;</title><guid>x</guid><pubDate>Tue, 04 Mar 2025 23:00:00 GMT</pubDate></item>"))
			.getBytes(StandardCharsets.UTF_8), "application/rss+xml");

		assertThatThrownBy(() -> poll(rss, feedOf(FeedType.RSS, "UTC"), Instant.parse("2025-03-01T00:00:00Z")))
			.isInstanceOf(FeedReadException.class)
			.hasMessageContaining("DOCTYPE")
			.hasMessageNotContaining("root:");
	}

	@Test
	void refusesEntityExpansion() {
		serve(("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
				+ "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
				+ "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
				+ "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]>"
				+ rssWith("<item><title>&lol4;</title><guid>x</guid></item>"))
			.getBytes(StandardCharsets.UTF_8), "application/rss+xml");

		assertThatThrownBy(() -> poll(rss, feedOf(FeedType.RSS, "UTC"), Instant.parse("2025-03-01T00:00:00Z")))
			.isInstanceOf(FeedReadException.class)
			.hasMessageNotContaining("lollol");
	}

	@Test
	void rejectsAnHtmlErrorPage() {
		serve("<!DOCTYPE html>\n<html><head><title>404</title></head><body>Not found</body></html>"
			.getBytes(StandardCharsets.UTF_8), "text/html");

		assertThatThrownBy(() -> poll(rss, feedOf(FeedType.RSS, "UTC"), Instant.parse("2025-03-01T00:00:00Z")))
			.isInstanceOf(FeedReadException.class)
			.hasMessageContaining("HTML page");
	}

	@Test
	void rejectsXmlThatIsNotAFeed() {
		serve("<?xml version=\"1.0\"?><sitemap><url>x</url></sitemap>".getBytes(StandardCharsets.UTF_8),
				"application/xml");

		assertThatThrownBy(() -> poll(rss, feedOf(FeedType.RSS, "UTC"), Instant.parse("2025-03-01T00:00:00Z")))
			.isInstanceOf(FeedReadException.class)
			.hasMessageContaining("not a readable rss feed");
	}

	/**
	 * Found by {@link ReaderMutationTests} (a deep-nesting mutation of the HACC feed, kept gzipped): 50,000 nested
	 * {@code <table><tr><td>} held the reader for 45 s of CPU, since JDOM checks each element against its ancestors.
	 */
	@Test
	void refusesElementsNestedDeeperThanAnyFeedAtOnce() throws Exception {
		try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream("fuzz/rss-deep-nesting.xml.gz"))) {
			serve(in.readAllBytes(), "application/rss+xml; charset=UTF-8");
		}

		assertThatThrownBy(() -> poll(rss, feedOf(FeedType.RSS, "UTC"), Instant.parse("2018-05-01T00:00:00Z")))
			.isInstanceOf(FeedReadException.class)
			.hasMessageContaining("depth")
			.hasMessageContaining(String.valueOf(SyndicationReader.MAX_DEPTH));
	}

	@Test
	void aWellFormedFeedNestedTooDeeplyIsRefused() {
		String deep = "<x>".repeat(SyndicationReader.MAX_DEPTH) + "</x>".repeat(SyndicationReader.MAX_DEPTH);
		serve(rssWith("<item><title>Council</title><guid>x</guid><pubDate>Tue, 04 Mar 2025 23:00:00 GMT</pubDate>"
				+ deep + "</item>").getBytes(StandardCharsets.UTF_8), "application/rss+xml");

		assertThatThrownBy(() -> poll(rss, feedOf(FeedType.RSS, "UTC"), Instant.parse("2025-03-01T00:00:00Z")))
			.isInstanceOf(FeedReadException.class)
			.hasMessageContaining("depth");
	}

}
