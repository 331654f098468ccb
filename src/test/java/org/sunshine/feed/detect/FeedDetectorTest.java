package org.sunshine.feed.detect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.feed.fetch.HttpFetcher;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/** Detection of pages fetched through the feed fetcher, on captures from the corpus served by WireMock. */
class FeedDetectorTest {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final FeedDetector DETECTOR = new FeedDetector(
			new HttpFetcher(Duration.ofSeconds(10), Duration.ofSeconds(60), 5_000_000, "Sunshine-test/1.0"));

	/** The corpus captures the readers' tests use too. */
	static byte[] capture(String name) {
		try (InputStream in = FeedDetectorTest.class.getResourceAsStream("/org/sunshine/feed/read/" + name)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void serve(String path, String contentType, String capture) {
		wm.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", contentType).withBody(capture(capture))));
	}

	private static URI at(String pathAndQuery) {
		return URI.create(wm.baseUrl() + pathAndQuery);
	}

	@Test
	void aCivicPlusAgendaCenterPageIsNamedByItsTitleAndZonedByItsState() throws Exception {
		serve("/AgendaCenter/Search/", "text/html; charset=utf-8",
				"civic-scraper__test_scrape_defaults.yaml__nashcounty_AgendaCenter_Search.html");

		FeedProposal nash = DETECTOR.detect(at("/AgendaCenter/Search/?term=&CIDs=all"));

		assertThat(nash.type()).isEqualTo(FeedType.CIVICPLUS);
		assertThat(nash.url()).hasToString(wm.baseUrl());
		assertThat(nash.name()).isEqualTo("Nash County, NC");
		assertThat(nash.id()).isEqualTo("localhost");
		assertThat(nash.timezone().zone()).isEqualTo(ZoneId.of("America/New_York"));
		assertThat(nash.timezone().reason()).isEqualTo("guess from North Carolina: check");
	}

	@Test
	void aGranicusPageWithoutAStateFallsBackToEasternAndSaysToCheck() throws Exception {
		serve("/ViewPublisher.php", "text/html; charset=utf-8", "city-scrapers-ca__burbank.html");

		FeedProposal burbank = DETECTOR.detect(at("/ViewPublisher.php?view_id=6"));

		assertThat(burbank.type()).isEqualTo(FeedType.GRANICUS);
		assertThat(burbank.url()).hasToString(wm.baseUrl() + "/ViewPublisher.php?view_id=6");
		assertThat(burbank.timezone().certain()).isFalse();
		assertThat(burbank.toYaml()).contains("timezone: America/New_York   # guess: check");
	}

	@Test
	void anICalendarIsKnownByItsContentAndNamesItsOwnZone() throws Exception {
		// Served as text/plain, as many city servers do: the body's BEGIN:VCALENDAR decides.
		serve("/events/ical", "text/plain", "city-scrapers__det_great_lakes_water_authority.ics");

		FeedProposal glwa = DETECTOR.detect(at("/events/ical"));

		assertThat(glwa.type()).isEqualTo(FeedType.ICAL);
		assertThat(glwa.url()).hasToString(wm.baseUrl() + "/events/ical");
		assertThat(glwa.name()).isEqualTo("Great Lakes Water Authority");
		assertThat(glwa.timezone().zone()).isEqualTo(ZoneId.of("America/Detroit"));
		assertThat(glwa.timezone().certain()).isTrue();
	}

	@Test
	void anRssFeedIsKnownByItsContentTypeOrItsRootElement() throws Exception {
		serve("/events/feed", "application/rss+xml; charset=UTF-8", "city-scrapers__hacc_feed.txt");
		serve("/events/feed.txt", "text/plain", "city-scrapers__hacc_feed.txt");

		FeedProposal byType = DETECTOR.detect(at("/events/feed"));
		FeedProposal byRoot = DETECTOR.detect(at("/events/feed.txt"));

		assertThat(byType.type()).isEqualTo(FeedType.RSS);
		assertThat(byType.name()).isEqualTo("Upcoming Events \u2013 HACC");
		assertThat(byRoot.type()).isEqualTo(FeedType.RSS);
		assertThat(byRoot.url()).hasToString(wm.baseUrl() + "/events/feed.txt");
	}

	@Test
	void anAtomFeedIsKnownByItsRootElement() throws Exception {
		wm.stubFor(get(urlPathEqualTo("/atom")).willReturn(aResponse().withHeader("Content-Type", "application/xml")
			.withBody("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Board meetings</title></feed>")));

		FeedProposal atom = DETECTOR.detect(at("/atom"));

		assertThat(atom.type()).isEqualTo(FeedType.ATOM);
		assertThat(atom.name()).isEqualTo("Board meetings");
	}

	@Test
	void anHtmlPageOfNoKnownPlatformIsRefusedNamingThePlatformsTried() {
		serve("/government/meetings", "text/html; charset=utf-8", "city-scrapers-ca__burbank.html");

		assertThatThrownBy(() -> DETECTOR.detect(at("/government/meetings?token=secret")))
			.isInstanceOf(DetectionException.class)
			.hasMessage("not recognised: " + wm.baseUrl() + "/government/meetings is no agenda page or feed Sunshine"
					+ " reads (tried legistar, civicplus, granicus, primegov, civicclerk, ical, rss, atom)");
	}

	@Test
	void anUnreachableHostIsRefusedEvenWhenItsAddressNamesAPlatform() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}

		assertThatThrownBy(() -> DETECTOR.detect(URI.create("http://127.0.0.1:" + closedPort + "/AgendaCenter")))
			.isInstanceOf(DetectionException.class)
			.hasMessageStartingWith("could not read http://127.0.0.1:" + closedPort + "/AgendaCenter: cannot reach 127.0.0.1");
	}

	@Test
	void aPlatformKnownByItsAddressIsProposedWhenThePageAnswersAnError() throws Exception {
		wm.stubFor(get(urlPathEqualTo("/ViewPublisher.php")).willReturn(aResponse().withStatus(403)));

		FeedProposal granicus = DETECTOR.detect(at("/ViewPublisher.php?view_id=2"));

		assertThat(granicus.type()).isEqualTo(FeedType.GRANICUS);
		assertThat(granicus.name()).isEqualTo("localhost");
		assertThat(granicus.timezone().certain()).isFalse();
	}

	@Test
	void aLegistarCalendarPageIsNamedByItsTitleAndZonedByTheAddressOnIt() throws Exception {
		serve("/Calendar.aspx", "text/html; charset=utf-8", "python-legistar-scraper__metro_events.html");
		// Legistar is known by its host, so the page's requests are sent on to WireMock, through the same fetcher.
		HttpFetcher fetcher = new HttpFetcher(Duration.ofSeconds(10), Duration.ofSeconds(60), 5_000_000, "test");
		FeedDetector detector = new FeedDetector(
				(uri, previous, reach) -> fetcher.fetch(URI.create(wm.baseUrl() + uri.getRawPath()), previous));

		FeedProposal metro = detector.detect(URI.create("https://metro.legistar.com/Calendar.aspx"));

		assertThat(metro.type()).isEqualTo(FeedType.LEGISTAR);
		assertThat(metro.url()).hasToString("https://webapi.legistar.com/v1/metro");
		assertThat(metro.id()).isEqualTo("metro");
		assertThat(metro.name()).isEqualTo("Metro");
		assertThat(metro.timezone().zone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
		wm.verify(getRequestedFor(urlPathEqualTo("/Calendar.aspx")));
	}

	@Test
	void titlesLoseTheSoftwaresNameAndIdsAreSlugs() {
		assertThat(FeedDetector.cityName("Agenda Center • Avenal, CA • CivicEngage")).contains("Avenal, CA");
		assertThat(FeedDetector.cityName("City of Duarte, CA - Main View")).contains("City of Duarte, CA");
		assertThat(FeedDetector.cityName("Default View - Granicus Content")).isEmpty();
		assertThat(FeedDetector.slug("Las_Cruces.NM")).isEqualTo("las-cruces-nm");
		assertThat(FeedDetector.slug("--")).isEqualTo("feed");
	}

}
