package org.sunshine.feed.detect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sunshine.feed.FeedsCommand;
import org.sunshine.feed.catalogue.FeedCatalogueParser;
import org.sunshine.feed.catalogue.FeedDefinition;
import org.sunshine.feed.catalogue.FeedType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/** {@code feeds detect URL} as an admin runs it: what it prints, where, and its exit code; no Spring. */
class FeedsCommandTest {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int run(String... args) {
		return new FeedsCommand(FeedDetectorTest.DETECTOR).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	private static void serve(String path, String contentType, String capture) {
		wm.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", contentType).withBody(FeedDetectorTest.capture(capture))));
	}

	@Test
	void printsAnEntryThatTheCatalogueAcceptsAsItIs() {
		serve("/AgendaCenter", "text/html; charset=utf-8",
				"civic-scraper__test_scrape_defaults.yaml__nashcounty_AgendaCenter_Search.html");

		int exit = run("feeds", "detect", wm.baseUrl() + "/AgendaCenter");

		assertThat(exit).isZero();
		assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
		List<FeedDefinition> feeds = FeedCatalogueParser.parse(out.toString(StandardCharsets.UTF_8), "feeds detect");
		assertThat(feeds).singleElement().satisfies(feed -> {
			assertThat(feed.id()).isEqualTo("localhost");
			assertThat(feed.name()).isEqualTo("Nash County, NC");
			assertThat(feed.type()).isEqualTo(FeedType.CIVICPLUS);
			assertThat(feed.url()).isEqualTo(URI.create(wm.baseUrl()));
			assertThat(feed.timezone()).isEqualTo(ZoneId.of("America/New_York"));
			assertThat(feed.every()).isEqualTo(Duration.ofMinutes(15));
		});
	}

	@Test
	void aNameWithQuotesAndColonsStillParses() {
		wm.stubFor(get(urlPathEqualTo("/calendar.ics")).willReturn(aResponse().withHeader("Content-Type", "text/calendar")
			.withBody("BEGIN:VCALENDAR\r\nX-WR-CALNAME:Board: \"Regular\" # meetings \\ etc\r\nX-WR-TIMEZONE:America/Chicago\r\n"
					+ "END:VCALENDAR\r\n")));

		assertThat(run("feeds", "detect", wm.baseUrl() + "/calendar.ics")).isZero();

		FeedDefinition feed = FeedCatalogueParser.parse(out.toString(StandardCharsets.UTF_8), "feeds detect").get(0);
		assertThat(feed.name()).isEqualTo("Board: \"Regular\" # meetings \\ etc");
		assertThat(feed.type()).isEqualTo(FeedType.ICAL);
		assertThat(feed.timezone()).isEqualTo(ZoneId.of("America/Chicago"));
	}

	@Test
	void anUnknownPageExitsWithTwoAndNamesThePlatformsTried() {
		serve("/meetings", "text/html; charset=utf-8", "city-scrapers-ca__burbank.html");

		int exit = run("feeds", "detect", wm.baseUrl() + "/meetings");

		assertThat(exit).isEqualTo(2);
		assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
		assertThat(err.toString(StandardCharsets.UTF_8)).hasLineCount(1)
			.contains("not recognised: " + wm.baseUrl() + "/meetings")
			.contains("tried legistar, civicplus, granicus, primegov, civicclerk, ical, rss, atom");
	}

	@Test
	void aWrongCommandLineExitsWithTwoAndShowsTheUsage() {
		assertThat(run("feeds", "list")).isEqualTo(2);
		assertThat(run("feeds", "detect", "not a url")).isEqualTo(2);
		assertThat(run("feeds", "detect", "file:///etc/passwd")).isEqualTo(2);

		assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
				"usage: java -jar sunshine.jar feeds detect URL", "not a valid URL: Illegal character in path",
				"not an http(s) address: file:///etc/passwd");
	}

}
