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

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sunshine.feed.catalogue.FeedDefinition;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

class ICalendarReaderTest {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ICalendarReader reader = new ICalendarReader();

	/** A weekly meeting across the 2025 spring-forward, one date excluded, one moved, plus one-off events. */
	private static final String SMALL_CALENDAR = """
			BEGIN:VCALENDAR
			VERSION:2.0
			PRODID:-//Sunshine test//EN
			BEGIN:VEVENT
			UID:planning@town.example.org
			DTSTAMP:20250101T000000Z
			DTSTART;TZID=America/New_York:20250303T180000
			DTEND;TZID=America/New_York:20250303T200000
			RRULE:FREQ=WEEKLY;COUNT=5
			EXDATE;TZID=America/New_York:20250317T180000
			SUMMARY:Planning Board
			LOCATION:Town Hall\\, Room 2
			URL:https://town.example.org/planning
			END:VEVENT
			BEGIN:VEVENT
			UID:planning@town.example.org
			RECURRENCE-ID;TZID=America/New_York:20250324T180000
			DTSTAMP:20250101T000000Z
			DTSTART;TZID=America/New_York:20250325T190000
			DTEND;TZID=America/New_York:20250325T210000
			SUMMARY:Planning Board (moved to Tuesday)
			END:VEVENT
			BEGIN:VEVENT
			UID:select@town.example.org
			DTSTAMP:20250101T000000Z
			DTSTART:20250306T230000Z
			SUMMARY:Select Board
			STATUS:CANCELLED
			END:VEVENT
			BEGIN:VEVENT
			UID:floating@town.example.org
			DTSTAMP:20250101T000000Z
			DTSTART:20250307T090000
			SUMMARY:Budget Workshop
			DESCRIPTION:Bring the draft budget.
			END:VEVENT
			END:VCALENDAR
			""".replace("\n", "\r\n");

	private static void serve(byte[] body, String contentType) {
		wm.stubFor(get(urlPathEqualTo("/calendar.ics")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", contentType)
			.withBody(body)));
	}

	private static FeedDefinition feedIn(String zone) {
		return feed(FeedType.ICAL, wm.baseUrl() + "/calendar.ics", zone);
	}

	@Test
	void readsDetroitWithItsTimeZoneAndCancelledSummaries() throws Exception {
		serve(bytes("city-scrapers__det_great_lakes_water_authority.ics"), "text/calendar; charset=utf-8");

		List<MeetingSnapshot> meetings = poll(reader, feedIn("America/Detroit"), Instant.parse("2018-06-27T12:00:00Z"));

		assertThat(meetings).hasSize(7);
		MeetingSnapshot legal = meetings.get(0);
		assertThat(legal.sourceId()).isEqualTo("6693-1530104400-1530108000@www.glwater.org");
		assertThat(legal.title()).isEqualTo("Legal Committee Meeting (Cancelled)");
		assertThat(legal.start()).isEqualTo(Instant.parse("2018-06-27T17:00:00Z"));
		assertThat(legal.location()).isEqualTo("735 Randolph, 5th Floor Board Room, Detroit,, MI, 48226");
		assertThat(legal.sourceUrl()).isEqualTo("http://www.glwater.org/event/legal-committee-meeting-7/");
		assertThat(legal.description()).isNull();
		assertThat(meetings).filteredOn(m -> m.status() == MeetingStatus.CANCELLED)
			.extracting(MeetingSnapshot::title)
			.containsExactly("Legal Committee Meeting (Cancelled)", "GLWA Board Meeting (Cancelled)",
					"Operations and Resources Committee Meeting (CANCELLED)", "GLWA Board Workshop Meeting (Cancelled)");
		assertThat(meetings.get(4).title()).isEqualTo("Audit Committee Meeting");
		assertThat(meetings.get(4).start()).isEqualTo(Instant.parse("2018-07-20T12:00:00Z"));
	}

	@Test
	void tzidWinsOverTheFeedZone() throws Exception {
		serve(bytes("city-scrapers__det_great_lakes_water_authority.ics"), "text/calendar");

		List<MeetingSnapshot> meetings = poll(reader, feedIn("UTC"), Instant.parse("2018-06-27T12:00:00Z"));

		assertThat(meetings.get(0).start()).isEqualTo(Instant.parse("2018-06-27T17:00:00Z"));
	}

	@Test
	void readsChicagoWithAllDayEventsRelaxedDtstampsAndHtmlLadenUids() throws Exception {
		serve(bytes("city-scrapers__chi_low_income_housing_trust_fund.ics"), "text/calendar; charset=utf-8");

		List<MeetingSnapshot> meetings = poll(reader, feedIn("America/Chicago"), Instant.parse("2024-05-08T12:00:00Z"));

		assertThat(meetings).hasSize(30);
		assertThat(meetings).extracting(MeetingSnapshot::sourceId).doesNotHaveDuplicates();
		MeetingSnapshot adminDay = meetings.get(0);
		assertThat(adminDay.title()).isEqualTo("Administrative Day");
		assertThat(adminDay.start()).isEqualTo(Instant.parse("2024-05-08T05:00:00Z")); // local midnight, CDT
		assertThat(adminDay.description()).isEqualTo("Office Closed");
		assertThat(adminDay.sourceId()).contains("9972125171-0046215171-34000001");
		MeetingSnapshot outreach = meetings.get(1);
		assertThat(outreach.title()).isEqualTo("Outreach Meeting");
		assertThat(outreach.start()).isEqualTo(Instant.parse("2024-05-09T13:30:00Z"));
		assertThat(outreach.sourceUrl()).isEqualTo("https://clihtf.org/event/outreach-meeting-4/");
	}

	@Test
	void expandsRecurrencesWithExdatesOverridesAndCancellations() throws Exception {
		serve(SMALL_CALENDAR.getBytes(StandardCharsets.UTF_8), "text/calendar");

		List<MeetingSnapshot> meetings = poll(reader, feedIn("America/New_York"), Instant.parse("2025-03-01T00:00:00Z"));

		assertThat(meetings).extracting(MeetingSnapshot::sourceId, MeetingSnapshot::start, MeetingSnapshot::status)
			.containsExactly(
					tuple("planning@town.example.org@2025-03-03T23:00:00Z", "2025-03-03T23:00:00Z", MeetingStatus.SCHEDULED),
					tuple("select@town.example.org", "2025-03-06T23:00:00Z", MeetingStatus.CANCELLED),
					tuple("floating@town.example.org", "2025-03-07T14:00:00Z", MeetingStatus.SCHEDULED),
					tuple("planning@town.example.org@2025-03-10T22:00:00Z", "2025-03-10T22:00:00Z", MeetingStatus.SCHEDULED),
					tuple("planning@town.example.org@2025-03-24T22:00:00Z", "2025-03-25T23:00:00Z", MeetingStatus.SCHEDULED),
					tuple("planning@town.example.org@2025-03-31T22:00:00Z", "2025-03-31T22:00:00Z", MeetingStatus.SCHEDULED));
		assertThat(meetings.get(0).location()).isEqualTo("Town Hall, Room 2");
		assertThat(meetings.get(0).sourceUrl()).isEqualTo("https://town.example.org/planning");
		assertThat(meetings.get(2).description()).isEqualTo("Bring the draft budget.");
		assertThat(meetings.get(4).title()).isEqualTo("Planning Board (moved to Tuesday)");
	}

	@Test
	void keepsOnlyOccurrencesFromADayBeforeNow() throws Exception {
		serve(SMALL_CALENDAR.getBytes(StandardCharsets.UTF_8), "text/calendar");

		List<MeetingSnapshot> meetings = poll(reader, feedIn("America/New_York"), Instant.parse("2025-03-12T00:00:00Z"));

		assertThat(meetings).extracting(MeetingSnapshot::sourceId).containsExactly(
				"planning@town.example.org@2025-03-24T22:00:00Z", "planning@town.example.org@2025-03-31T22:00:00Z");
	}

	@Test
	void toleratesAByteOrderMarkAndALeadingBlankLine() throws Exception {
		serve(("\uFEFF\r\n" + SMALL_CALENDAR).getBytes(StandardCharsets.UTF_8), "text/calendar");

		assertThat(poll(reader, feedIn("America/New_York"), Instant.parse("2025-03-01T00:00:00Z"))).hasSize(6);
	}

	@Test
	void rejectsACalendarThatIcal4jCannotParse() {
		serve(SMALL_CALENDAR.replace("DTSTART:20250307T090000", "DTSTART:next friday").getBytes(StandardCharsets.UTF_8),
				"text/calendar");

		assertThatThrownBy(() -> poll(reader, feedIn("UTC"), Instant.parse("2025-03-01T00:00:00Z")))
			.isInstanceOf(FeedReadException.class)
			.hasMessageContaining("not a readable iCalendar");
	}

	@Test
	void rejectsAnHtmlPage() {
		serve("<!DOCTYPE html><html><body>Calendar moved</body></html>".getBytes(StandardCharsets.UTF_8), "text/html");

		assertThatThrownBy(() -> poll(reader, feedIn("UTC"), Instant.parse("2025-03-01T00:00:00Z")))
			.isInstanceOf(FeedReadException.class)
			.hasMessageContaining("BEGIN:VCALENDAR")
			.hasMessageContaining("HTML page");
	}

	private static org.assertj.core.groups.Tuple tuple(String id, String start, MeetingStatus status) {
		return org.assertj.core.groups.Tuple.tuple(id, Instant.parse(start), status);
	}

}
