package org.sunshine.feed.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.feed.detect.PlatformUrls.Recognised;

/** The platforms told by their address alone, and the url each reader expects. */
class PlatformUrlsTest {

	private static Recognised recognise(String url) {
		return PlatformUrls.recognise(URI.create(url)).orElseThrow();
	}

	@Test
	void aLegistarCalendarPageGivesTheWebApiRootOfItsSubdomain() {
		Recognised keyWest = recognise("https://keywest.legistar.com/Calendar.aspx");

		assertThat(keyWest.type()).isEqualTo(FeedType.LEGISTAR);
		assertThat(keyWest.feedUrl()).hasToString("https://webapi.legistar.com/v1/keywest");
		assertThat(keyWest.client()).isEqualTo("keywest");
	}

	@Test
	void aLegistarWebApiAddressKeepsItsClientAndToken() {
		Recognised api = recognise("https://webapi.legistar.com/v1/Seattle/events?token=abc");

		assertThat(api.feedUrl()).hasToString("https://webapi.legistar.com/v1/seattle?token=abc");
		assertThat(api.client()).isEqualTo("seattle");
	}

	@Test
	void aCivicPlusAgendaCenterPageGivesTheSiteRootBeforeAgendaCenter() {
		Recognised lasCruces = recognise("https://www.las-cruces.org/AgendaCenter/Search/?term=&CIDs=all");

		assertThat(lasCruces.type()).isEqualTo(FeedType.CIVICPLUS);
		assertThat(lasCruces.feedUrl()).hasToString("https://www.las-cruces.org");
		assertThat(lasCruces.client()).isEqualTo("las-cruces");
		assertThat(recognise("https://ca-avenal.civicplus.com/city/AgendaCenter").feedUrl())
			.hasToString("https://ca-avenal.civicplus.com/city");
	}

	@Test
	void aGranicusViewPublisherPageKeepsOnlyItsViewId() {
		Recognised burbank = recognise("https://burbank.granicus.com/ViewPublisher.php?view_id=6&redirect=true");

		assertThat(burbank.type()).isEqualTo(FeedType.GRANICUS);
		assertThat(burbank.feedUrl()).hasToString("https://burbank.granicus.com/ViewPublisher.php?view_id=6");
		assertThat(burbank.client()).isEqualTo("burbank");
	}

	@Test
	void aPrimeGovPageGivesThePortalRoot() {
		Recognised clayton = recognise("https://claytoncountyga.primegov.com/public/portal?fromiframe=1");

		assertThat(clayton.type()).isEqualTo(FeedType.PRIMEGOV);
		assertThat(clayton.feedUrl()).hasToString("https://claytoncountyga.primegov.com");
	}

	@Test
	void aCivicClerkPortalOrApiGivesTheTenantsApiRoot() {
		Recognised portal = recognise("https://southfultonga.portal.civicclerk.com/event/123/files");
		Recognised api = recognise("https://southfultonga.api.civicclerk.com/v1/Events");

		assertThat(portal.type()).isEqualTo(FeedType.CIVICCLERK);
		assertThat(portal.feedUrl()).hasToString("https://southfultonga.api.civicclerk.com");
		assertThat(api.feedUrl()).isEqualTo(portal.feedUrl());
		assertThat(api.client()).isEqualTo("southfultonga");
	}

	@Test
	void aSiteIsNamedByItsDomainWithoutWwwAndTheTopLevel() {
		assertThat(PlatformUrls.siteName("www.glwater.org")).isEqualTo("glwater");
		assertThat(PlatformUrls.siteName("127.0.0.1")).isEqualTo("127.0.0.1");
	}

	@Test
	void anyOtherAddressNeedsItsContentLookedAt() {
		assertThat(PlatformUrls.recognise(URI.create("https://www.example.gov/calendar.ics"))).isEmpty();
		assertThat(PlatformUrls.recognise(URI.create("https://webapi.legistar.com/"))).isEmpty();
		assertThat(PlatformUrls.recognise(URI.create("https://burbank.granicus.com/MediaPlayer.php?clip_id=1"))).isEmpty();
	}

}
