package org.sunshine.feed.read;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.sunshine.feed.read.FeedTestSupport.feed;
import static org.sunshine.feed.read.FeedTestSupport.poll;
import static org.sunshine.feed.read.FeedTestSupport.text;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.meeting.DocumentLink;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** CivicClerk's OData API on South Fulton (GA) and Doña Ana County (NM) captures: local times behind a "Z". */
class CivicClerkReaderTest {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final CivicClerkReader reader = new CivicClerkReader();

	@Test
	void readsEventsInTheFeedsZoneWithPlaceBodyAndPublishedFiles() throws Exception {
		wm.stubFor(get(urlPathEqualTo("/v1/Events"))
			.withQueryParam("$filter", equalTo("startDateTime ge 2026-04-09"))
			.withQueryParam("$orderby", equalTo("startDateTime"))
			.willReturn(okJson(text("city-scrapers-atl__atl_south_fulton_city_council_meetings.json"))));

		List<MeetingSnapshot> meetings = poll(reader, feed(FeedType.CIVICCLERK, wm.baseUrl(), "America/New_York"),
				Instant.parse("2026-04-10T12:00:00Z"));

		assertThat(meetings).hasSize(16);
		MeetingSnapshot hearing = meetings.get(0);
		assertThat(hearing.sourceId()).isEqualTo("1744");
		assertThat(hearing.title()).isEqualTo("Alcohol License and Zoning Public Hearings");
		assertThat(hearing.body()).isEqualTo("City Council");
		// "2026-04-15T17:00:00Z" is 5 PM in South Fulton, not 1 PM.
		assertThat(hearing.start()).isEqualTo(Instant.parse("2026-04-15T21:00:00Z"));
		assertThat(hearing.location()).isEqualTo("5440 Fulton Industrial Blvd\nSouth Fulton, Georgia 30336");
		assertThat(hearing.status()).isEqualTo(MeetingStatus.SCHEDULED);
		assertThat(hearing.documents()).extracting(DocumentLink::title).containsExactly(
				"Zoning Public Hearing Agenda 4.15.2026", "Zoning Public Hearing Packet 4.15.2026");
		assertThat(hearing.documents().get(1).url())
			.isEqualTo(wm.baseUrl() + "/v1/Meetings/GetMeetingFileStream(fileId=2262,plainText=false)");
		assertThat(hearing.agendaUrl())
			.isEqualTo(wm.baseUrl() + "/v1/Meetings/GetMeetingFileStream(fileId=2261,plainText=false)");
		assertThat(meetings).extracting(MeetingSnapshot::start).isSorted();
	}

	@Test
	void readsAnotherTenantInMountainTimeAndMarksACancelledEvent() throws Exception {
		ObjectNode root = (ObjectNode) JSON.readTree(text("city-scrapers-lascruc__lascruc_dona_ana_county_other_agencies.json"));
		ObjectNode first = (ObjectNode) root.get("value").get(0);
		first.put("eventName", first.get("eventName").asString() + " - CANCELLED");
		wm.stubFor(get(urlPathEqualTo("/v1/Events")).willReturn(okJson(root.toString())));

		List<MeetingSnapshot> meetings = poll(reader, feed(FeedType.CIVICCLERK, wm.baseUrl() + "/v1/", "America/Denver"),
				Instant.parse("2025-12-01T12:00:00Z"));

		MeetingSnapshot session = meetings.stream().filter(m -> m.sourceId().equals("737")).findFirst().orElseThrow();
		assertThat(session.start()).isEqualTo(Instant.parse("2026-01-06T16:00:00Z"));
		assertThat(session.body()).isEqualTo("Board of County Commissioners");
		assertThat(session.status()).isEqualTo(MeetingStatus.CANCELLED);
		assertThat(meetings).filteredOn(m -> m.status() == MeetingStatus.CANCELLED).hasSize(1);
	}

	@Test
	void followsNextLinksAndLeavesOutPastEvents() throws Exception {
		ObjectNode root = (ObjectNode) JSON.readTree(text("city-scrapers-atl__atl_south_fulton_city_council_meetings.json"));
		ArrayNode events = (ArrayNode) root.get("value");
		ObjectNode secondPage = JSON.createObjectNode();
		ArrayNode rest = secondPage.putArray("value");
		while (events.size() > 4) {
			rest.add(events.remove(4));
		}
		root.put("@odata.nextLink", wm.baseUrl() + "/v1/Events?$skip=4");
		wm.stubFor(get(urlPathEqualTo("/v1/Events")).willReturn(okJson(root.toString())));
		wm.stubFor(get(urlPathEqualTo("/v1/Events")).withQueryParam("$skip", equalTo("4"))
			.willReturn(okJson(secondPage.toString())));

		List<MeetingSnapshot> meetings = poll(reader, feed(FeedType.CIVICCLERK, wm.baseUrl(), "America/New_York"),
				Instant.parse("2026-05-01T12:00:00Z"));

		// Events of 15 and 28 April are past on 1 May; the 12 from May on come from both pages.
		assertThat(meetings).hasSize(12);
		assertThat(meetings.get(0).start()).isEqualTo(Instant.parse("2026-05-12T20:00:00Z"));
	}

}
