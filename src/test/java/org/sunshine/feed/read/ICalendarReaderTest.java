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
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sunshine.feed.catalogue.FeedDefinition;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

class ICalendarReaderTest {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ICalendarReader reader = new ICalendarReader(Duration.ofDays(180), 1000, 5000);

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

	/** A calendar of one VTIMEZONE and one meeting at 17:00 local time on 8 July 2025 in that zone. */
	private static byte[] calendar(String tzid, String vtimezone) {
		return """
				BEGIN:VCALENDAR
				VERSION:2.0
				PRODID:-//Sunshine test//EN
				%2$sBEGIN:VEVENT
				UID:commission@town.example.org
				DTSTAMP:20250101T000000Z
				DTSTART;TZID=%1$s:20250708T170000
				SUMMARY:City Commission
				END:VEVENT
				END:VCALENDAR
				""".formatted(tzid, vtimezone).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
	}

	/** Onsets every minute and every second since 1970: ical4j's builder expands these until the heap is gone. */
	private static final String HOSTILE_TIMEZONE = """
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
			""";

	@Test
	void neverExpandsTheRulesOfTheFilesOwnTimeZone() throws Exception {
		serve(calendar("America/New_York", HOSTILE_TIMEZONE), "text/calendar");

		List<MeetingSnapshot> meetings = poll(reader, feedIn("UTC"), Instant.parse("2025-07-01T00:00:00Z"));

		assertThat(meetings).singleElement()
			.satisfies(meeting -> assertThat(meeting.start()).isEqualTo(Instant.parse("2025-07-08T21:00:00Z")));
	}

	@Test
	void readsAnIanaTzidByJavaTimeRulesNotByTheFilesTransitions() throws Exception {
		// An export that lists the transitions of 2007 only, and an hour wrong: read by it, July would be at -06:00.
		serve(calendar("America/New_York", """
				BEGIN:VTIMEZONE
				TZID:America/New_York
				BEGIN:DAYLIGHT
				DTSTART:20070311T020000
				RDATE:20070311T020000
				TZOFFSETFROM:-0600
				TZOFFSETTO:-0500
				END:DAYLIGHT
				BEGIN:STANDARD
				DTSTART:20071104T020000
				RDATE:20071104T020000
				TZOFFSETFROM:-0500
				TZOFFSETTO:-0600
				END:STANDARD
				END:VTIMEZONE
				"""), "text/calendar");

		List<MeetingSnapshot> meetings = poll(reader, feedIn("America/Chicago"), Instant.parse("2025-07-01T00:00:00Z"));

		assertThat(meetings).extracting(MeetingSnapshot::start).containsExactly(Instant.parse("2025-07-08T21:00:00Z"));
	}

	@ParameterizedTest(name = "TZID={0} is read as {1}")
	@CsvSource(delimiter = '|', value = { "Eastern Standard Time|2025-07-08T21:00:00Z",
			"\"Pacific Standard Time\"|2025-07-09T00:00:00Z",
			"/mozilla.org/20050126_1/America/New_York|2025-07-08T21:00:00Z",
			"Town Hall Time|2025-07-08T22:00:00Z" })
	void readsWindowsNamesAsTheirIanaZoneAndUnknownNamesInTheFeedsZone(String tzid, String expected) throws Exception {
		serve(calendar(tzid, """
				BEGIN:VTIMEZONE
				TZID:%s
				BEGIN:STANDARD
				DTSTART:16010101T000000
				TZOFFSETFROM:+0900
				TZOFFSETTO:+0900
				END:STANDARD
				END:VTIMEZONE
				""".formatted(tzid)), "text/calendar");

		List<MeetingSnapshot> meetings = poll(reader, feedIn("America/Chicago"), Instant.parse("2025-07-01T00:00:00Z"));

		assertThat(meetings).extracting(MeetingSnapshot::start).containsExactly(Instant.parse(expected));
	}

	/** A calendar of the given events, each a few lines of properties after its UID. */
	private static byte[] events(String... events) {
		StringBuilder ics = new StringBuilder("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Sunshine test//EN\n");
		for (int i = 0; i < events.length; i++) {
			ics.append("BEGIN:VEVENT\nUID:event-").append(i).append("@town.example.org\nDTSTAMP:20250101T000000Z\n")
				.append(events[i]).append("\nSUMMARY:Meeting ").append(i).append("\nEND:VEVENT\n");
		}
		return ics.append("END:VCALENDAR\n").toString().replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void keepsTheFirstOccurrencesOfAnEventThatRecursTooOften() throws Exception {
		serve(events("DTSTART:20250701T170000Z\nRRULE:FREQ=DAILY", "DTSTART:20250701T180000Z\nRRULE:FREQ=WEEKLY"),
				"text/calendar");
		ICalendarReader limited = new ICalendarReader(Duration.ofDays(180), 5, 5000);

		List<MeetingSnapshot> meetings = poll(limited, feedIn("UTC"), Instant.parse("2025-07-01T00:00:00Z"));

		assertThat(meetings).filteredOn(meeting -> meeting.title().equals("Meeting 0")).extracting(MeetingSnapshot::start)
			.containsExactly(Instant.parse("2025-07-01T17:00:00Z"), Instant.parse("2025-07-02T17:00:00Z"),
					Instant.parse("2025-07-03T17:00:00Z"), Instant.parse("2025-07-04T17:00:00Z"),
					Instant.parse("2025-07-05T17:00:00Z"));
		assertThat(meetings).filteredOn(meeting -> meeting.title().equals("Meeting 1")).hasSize(5);
	}

	@Test
	void keepsTheEarliestMeetingsOfAFeedThatGivesTooMany() throws Exception {
		serve(events("DTSTART:20250710T170000Z", "DTSTART:20250702T170000Z\nRRULE:FREQ=WEEKLY;COUNT=3",
				"DTSTART:20250701T170000Z"), "text/calendar");
		ICalendarReader limited = new ICalendarReader(Duration.ofDays(180), 1000, 3);

		List<MeetingSnapshot> meetings = poll(limited, feedIn("UTC"), Instant.parse("2025-07-01T00:00:00Z"));

		assertThat(meetings).extracting(MeetingSnapshot::start).containsExactly(Instant.parse("2025-07-01T17:00:00Z"),
				Instant.parse("2025-07-02T17:00:00Z"), Instant.parse("2025-07-09T17:00:00Z"));
	}

	@Test
	void expandsRecurrencesOverTheConfiguredHorizon() throws Exception {
		serve(events("DTSTART:20250701T170000Z\nRRULE:FREQ=WEEKLY"), "text/calendar");

		assertThat(poll(new ICalendarReader(Duration.ofDays(30), 1000, 5000), feedIn("UTC"),
				Instant.parse("2025-07-01T00:00:00Z"))).hasSize(5);
		assertThat(poll(reader, feedIn("UTC"), Instant.parse("2025-07-01T00:00:00Z"))).hasSize(26);
	}

	@Test
	void skipsEventsThatStartMoreThanDailyOrWouldBeWalkedFromLongAgo() throws Exception {
		serve(events("DTSTART:20250701T170000Z\nRRULE:FREQ=DAILY;BYHOUR=9,10,11;BYMINUTE=0,15,30,45;COUNT=2000000000",
				"DTSTART:20250701T170000Z\nRRULE:FREQ=DAILY;COUNT=10\nEXRULE:FREQ=SECONDLY",
				"DTSTART:19000101T170000Z\nRRULE:FREQ=DAILY;COUNT=2000000000",
				"DTSTART:20250701T180000Z\nRRULE:FREQ=WEEKLY;COUNT=2"), "text/calendar");
		// 100 meetings allow 20,000 steps: 1900 to 2025 day by day is 46,000.
		ICalendarReader limited = new ICalendarReader(Duration.ofDays(180), 1000, 100);

		List<MeetingSnapshot> meetings = poll(limited, feedIn("UTC"), Instant.parse("2025-07-01T00:00:00Z"));

		assertThat(meetings).extracting(MeetingSnapshot::title).containsExactly("Meeting 3", "Meeting 3");
	}

	private static org.assertj.core.groups.Tuple tuple(String id, String start, MeetingStatus status) {
		return org.assertj.core.groups.Tuple.tuple(id, Instant.parse(start), status);
	}

}
