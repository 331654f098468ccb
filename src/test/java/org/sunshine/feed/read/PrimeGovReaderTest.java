package org.sunshine.feed.read;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sunshine.feed.read.FeedTestSupport.feed;
import static org.sunshine.feed.read.FeedTestSupport.poll;
import static org.sunshine.feed.read.FeedTestSupport.text;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sunshine.feed.catalogue.FeedDefinition;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.meeting.DocumentLink;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/** PrimeGov's public portal API, on Clayton County's (GA) captured responses. */
class PrimeGovReaderTest {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final PrimeGovReader reader = new PrimeGovReader();

	private FeedDefinition clayton() {
		return feed(FeedType.PRIMEGOV, wm.baseUrl() + "/", "America/New_York");
	}

	private static void serve(String json) {
		wm.stubFor(get(urlPathEqualTo("/api/v2/PublicPortal/ListUpcomingMeetings")).willReturn(okJson(json)));
	}

	@Test
	void readsUpcomingMeetingsInTheFeedsZoneWithTheirCompiledDocuments() throws Exception {
		serve(text("city-scrapers-atl__atl_clayton_co_boc_upcoming_meetings.json"));

		List<MeetingSnapshot> meetings = poll(reader, clayton(), Instant.parse("2026-04-20T12:00:00Z"));

		assertThat(meetings).extracting(MeetingSnapshot::sourceId).containsExactly("696", "697");
		MeetingSnapshot budget = meetings.get(0);
		assertThat(budget.title()).isEqualTo("Budget Meeting");
		assertThat(budget.body()).isEqualTo("Budget Meeting");
		// "2026-04-27T09:00:00" carries no zone: 9:00 AM in Jonesboro, Georgia (EDT).
		assertThat(budget.start()).isEqualTo(Instant.parse("2026-04-27T13:00:00Z"));
		assertThat(budget.status()).isEqualTo(MeetingStatus.SCHEDULED);
		assertThat(budget.documents()).extracting(DocumentLink::title, DocumentLink::url).containsExactly(
				org.assertj.core.groups.Tuple.tuple("HTML Agenda", wm.baseUrl() + "/Portal/Meeting?meetingTemplateId=5479"),
				org.assertj.core.groups.Tuple.tuple("Agenda",
						wm.baseUrl() + "/Public/CompiledDocument?meetingTemplateId=5479&compileOutputType=1"));
		assertThat(budget.agendaUrl()).isEqualTo(wm.baseUrl() + "/Public/CompiledDocument?meetingTemplateId=5479&compileOutputType=1");
		assertThat(budget.sourceUrl()).isEqualTo(wm.baseUrl() + "/public/portal");
		assertThat(budget.items()).isEmpty();
	}

	@Test
	void leavesOutMeetingsThatArePastAndMarksCancelledTitles() throws Exception {
		String archived = text("city-scrapers-atl__atl_clayton_co_boc_meetings.json");
		serve(archived.replaceFirst("\"title\": ?\"Regular Business Meeting\"", "\"title\": \"Regular Business Meeting - CANCELLED\""));

		List<MeetingSnapshot> meetings = poll(reader, clayton(), Instant.parse("2026-01-01T12:00:00Z"));

		assertThat(meetings).hasSize(18);
		assertThat(meetings.get(0).sourceId()).isEqualTo("554");
		assertThat(meetings.get(0).start()).isEqualTo(Instant.parse("2026-01-06T23:00:00Z"));
		assertThat(meetings.get(0).status()).isEqualTo(MeetingStatus.CANCELLED);
		assertThat(meetings.get(0).documents()).extracting(DocumentLink::title).containsExactly("Summary Minutes", "Minutes");
		assertThat(meetings).filteredOn(meeting -> meeting.status() == MeetingStatus.CANCELLED).hasSize(1);

		assertThat(poll(reader, clayton(), Instant.parse("2026-05-01T12:00:00Z"))).as("all past").isEmpty();
	}

	@Test
	void anHtmlPageWhereTheApiShouldBeIsAFeedError() {
		wm.stubFor(get(urlPathEqualTo("/api/v2/PublicPortal/ListUpcomingMeetings"))
			.willReturn(aResponse().withHeader("Content-Type", "text/html").withBody("<!DOCTYPE html><html>Sign in</html>")));

		assertThatThrownBy(() -> poll(reader, clayton(), Instant.parse("2026-04-20T12:00:00Z")))
			.isInstanceOf(FeedReadException.class)
			.hasMessageContaining("expected JSON");
	}

}
