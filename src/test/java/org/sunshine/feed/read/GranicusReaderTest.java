package org.sunshine.feed.read;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.sunshine.feed.read.FeedTestSupport.bytes;
import static org.sunshine.feed.read.FeedTestSupport.feed;
import static org.sunshine.feed.read.FeedTestSupport.poll;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.meeting.DocumentLink;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/** Granicus ViewPublisher pages captured from Burbank, Gardena and Lomita (CA). */
class GranicusReaderTest {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final GranicusReader reader = new GranicusReader();

	private List<MeetingSnapshot> read(String capture, String now) throws Exception {
		// These captures hold UTF-8 bytes whatever their <meta> says.
		wm.stubFor(get(urlPathEqualTo("/ViewPublisher.php")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/html; charset=utf-8").withBody(bytes(capture))));
		return poll(reader, feed(FeedType.GRANICUS, wm.baseUrl() + "/ViewPublisher.php?view_id=6", "America/Los_Angeles"),
				Instant.parse(now));
	}

	@Test
	void readsBurbanksUpcomingMeetingsInTheFeedsZoneAndLeavesTheArchiveOut() throws Exception {
		List<MeetingSnapshot> meetings = read("city-scrapers-ca__burbank.html", "2022-11-09T12:00:00Z");

		assertThat(meetings).hasSize(17);
		MeetingSnapshot parks = meetings.get(0);
		assertThat(parks.sourceId()).isEqualTo("event-7942");
		assertThat(parks.title()).isEqualTo("Parks and Recreation Board");
		assertThat(parks.start()).isEqualTo(Instant.parse("2022-11-11T02:00:00Z"));
		assertThat(parks.documents()).extracting(DocumentLink::title, DocumentLink::url).containsExactly(
				org.assertj.core.groups.Tuple.tuple("Agenda", "http://burbank.granicus.com/AgendaViewer.php?view_id=6&event_id=7942"));
		assertThat(parks.status()).isEqualTo(MeetingStatus.SCHEDULED);
		MeetingSnapshot planning = meetings.get(2);
		assertThat(planning.sourceId()).as("no agenda yet: named by name and day").isEqualTo("Planning Board|2022-11-14");
		assertThat(planning.documents()).isEmpty();
		assertThat(meetings).extracting(MeetingSnapshot::title).contains("FISCAL & TREASURER\u2019S REVIEW GROUP");
	}

	@Test
	void aCancellationNoticeCallsTheMeetingOffAndKeepsItsEventId() throws Exception {
		List<MeetingSnapshot> meetings = read("city-scrapers-ca__cityofgardena.html", "2022-11-10T12:00:00Z");

		MeetingSnapshot notice = meetings.stream().filter(m -> m.sourceId().equals("event-601")).findFirst().orElseThrow();
		assertThat(notice.status()).isEqualTo(MeetingStatus.CANCELLED);
		assertThat(notice.start()).isEqualTo(Instant.parse("2022-11-16T03:00:00Z"));
	}

	@Test
	void ignoresTheHiddenEpochSortKeyAndReadsTheVisibleDate() throws Exception {
		List<MeetingSnapshot> meetings = read("city-scrapers-ca__lomita.html", "2022-12-10T12:00:00Z");

		MeetingSnapshot council = meetings.stream()
			.filter(m -> m.sourceId().equals("Lomita City Council Meeting|2022-12-20")).findFirst().orElseThrow();
		assertThat(council.start()).isEqualTo(Instant.parse("2022-12-21T02:00:00Z"));
		assertThat(GranicusReader.dateTime("1216796400 Jul 23, 08 Planning Commission Meeting - Cancelled"))
			.isEqualTo(LocalDateTime.parse("2008-07-23T00:00"));
	}

}
