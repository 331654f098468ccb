package org.sunshine.feed.read;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sunshine.feed.read.FeedTestSupport.bytes;
import static org.sunshine.feed.read.FeedTestSupport.feed;
import static org.sunshine.feed.read.FeedTestSupport.poll;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.meeting.DocumentLink;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/** CivicPlus AgendaCenter search pages captured from Las Cruces (NM) and Nash County (NC). */
class CivicPlusReaderTest {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final CivicPlusReader reader = new CivicPlusReader();

	private static void serve(String capture) {
		wm.stubFor(get(urlPathEqualTo("/AgendaCenter/Search/")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/html; charset=utf-8").withBody(bytes(capture))));
	}

	@Test
	void readsEveryCategorysAgendasWithDatesFromTheirLinksAndCancellations() throws Exception {
		serve("civic-scraper__civplus_agenda_search_results_page.html");

		List<MeetingSnapshot> meetings = poll(reader, feed(FeedType.CIVICPLUS, wm.baseUrl() + "/", "America/Denver"),
				Instant.parse("2020-11-18T12:00:00Z"));

		// 28 agendas on the page; 5 are for days before yesterday.
		assertThat(meetings).hasSize(23);
		MeetingSnapshot airport = meetings.stream().filter(m -> m.sourceId().equals("agenda-808")).findFirst().orElseThrow();
		assertThat(airport.body()).isEqualTo("Airport Advisory Board");
		assertThat(airport.title()).isEqualTo("Airport Advisory Board Meeting Agenda for November 19, 2020");
		// The page gives the day, not the time: local midnight in Las Cruces.
		assertThat(airport.start()).isEqualTo(Instant.parse("2020-11-19T07:00:00Z"));
		assertThat(airport.documents()).extracting(DocumentLink::title, DocumentLink::url).containsExactly(
				org.assertj.core.groups.Tuple.tuple("Agenda", wm.baseUrl() + "/AgendaCenter/ViewFile/Agenda/_11192020-808"),
				org.assertj.core.groups.Tuple.tuple("Agenda packet",
						wm.baseUrl() + "/AgendaCenter/ViewFile/Agenda/_11192020-808?packet=true"));
		assertThat(airport.agendaUrl()).isEqualTo(wm.baseUrl() + "/AgendaCenter/ViewFile/Agenda/_11192020-808");
		assertThat(meetings).filteredOn(m -> m.status() == MeetingStatus.CANCELLED).extracting(MeetingSnapshot::sourceId)
			.containsExactlyInAnyOrder("agenda-817", "agenda-798", "agenda-806", "agenda-807", "agenda-822", "agenda-819");
		assertThat(meetings).extracting(MeetingSnapshot::start).isSorted();
		wm.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/AgendaCenter/Search/"))
			.withQueryParam("startDate", equalTo("11/17/2020")).withQueryParam("CIDs", equalTo("all")));
	}

	@Test
	void readsNashCountyAndAnEmptySearch() throws Exception {
		serve("civic-scraper__test_scrape_defaults.yaml__nashcounty_AgendaCenter_Search.html");

		List<MeetingSnapshot> meetings = poll(reader, feed(FeedType.CIVICPLUS, wm.baseUrl(), "America/New_York"),
				Instant.parse("2020-05-03T12:00:00Z"));

		assertThat(meetings).isNotEmpty();
		MeetingSnapshot budget = meetings.stream().filter(m -> m.sourceId().equals("agenda-382")).findFirst().orElseThrow();
		assertThat(budget.body()).isEqualTo("Board of Commissioners");
		assertThat(budget.title()).isEqualTo("May 5, 2020 Recessed Meeting/Budget Work Session Agenda");
		assertThat(budget.start()).isEqualTo(Instant.parse("2020-05-05T04:00:00Z"));

		serve("civic-scraper__test_scrape_no_meetings_for_date.yaml__lascruces_AgendaCenter_Search_empty.html");
		assertThat(poll(reader, feed(FeedType.CIVICPLUS, wm.baseUrl(), "America/Denver"),
				Instant.parse("2020-08-29T12:00:00Z"))).isEmpty();
	}

	@Test
	void aPageThatIsNoAgendaCenterIsAFeedError() {
		wm.stubFor(get(urlPathEqualTo("/AgendaCenter/Search/")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/html").withBody("<!DOCTYPE html><html><body>Site maintenance</body></html>")));

		assertThatThrownBy(() -> poll(reader, feed(FeedType.CIVICPLUS, wm.baseUrl(), "America/Denver"),
				Instant.parse("2020-11-18T12:00:00Z")))
			.isInstanceOf(FeedReadException.class).hasMessageContaining("no AgendaCenter");
	}

}
