package org.sunshine.document;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.temporaryRedirect;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.sunshine.LegistarFixtures;
import org.sunshine.TestClockConfiguration;
import org.sunshine.feed.FeedAdmin;
import org.sunshine.feed.FeedHealth;
import org.sunshine.feed.fetch.AddressPolicy;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingDocument;
import org.sunshine.meeting.Meetings;

import tools.jackson.databind.node.ObjectNode;

/**
 * The admin's feeds.yml is the trust boundary: a feed written there may be on loopback (WireMock standing in for an
 * agency), but what a public source leads to (a redirect, an agenda link in its content) may not be more internal
 * than the feed's own url. "localhost" stands in for an agency's public host here: the test's resolver gives it a
 * public address, while 127.0.0.1 stays what it is; WireMock answers on both.
 */
@SpringBootTest(properties = "sunshine.feed.scheduling=false")
@ActiveProfiles("test")
@Import({ TestClockConfiguration.class, SourceReachTests.LocalhostIsPublic.class })
class SourceReachTests {

	@RegisterExtension
	static WireMockExtension source = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@TempDir
	static Path config;

	@TestConfiguration(proxyBeanMethods = false)
	static class LocalhostIsPublic {

		@Bean
		@Primary
		AddressPolicy localhostIsPublicPolicy() {
			return new AddressPolicy(host -> "localhost".equals(host)
					? new InetAddress[] { InetAddress.getByAddress(host, new byte[] { 93, (byte) 184, (byte) 216, 34 }) }
					: InetAddress.getAllByName(host));
		}

	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		String feed = """
				  - id: %1$s
				    name: %1$s
				    type: %2$s
				    url: http://%3$s:%4$d/%1$s
				    timezone: America/New_York
				    every: 15m
				""";
		int port = source.getPort();
		Path feeds = config.resolve("feeds.yml");
		Files.writeString(feeds, "feeds:\n" + feed.formatted("on-loopback", "legistar", "127.0.0.1", port)
				+ feed.formatted("public-redirect", "rss", "localhost", port)
				+ feed.formatted("public-to-file", "rss", "localhost", port)
				+ feed.formatted("public-links", "legistar", "localhost", port)
				+ feed.formatted("intranet", "rss", "localhost", port) + "    allow-private: true\n");
		registry.add("sunshine.feeds-file", feeds::toString);
	}

	@Autowired
	FeedAdmin feeds;

	@Autowired
	Meetings meetings;

	@Autowired
	DocumentSweep sweep;

	@BeforeEach
	void serve() {
		int port = source.getPort();
		source.stubFor(get(urlPathEqualTo("/on-loopback/events"))
			.willReturn(okJson(LegistarFixtures.array(event(1, "http://127.0.0.1:" + port + "/on-loopback/agenda.pdf")))));
		source.stubFor(get(urlPathEqualTo("/public-links/events"))
			.willReturn(okJson(LegistarFixtures.array(event(2, "http://127.0.0.1:" + port + "/internal/agenda.pdf")))));
		source.stubFor(get(urlPathMatching("/[a-z-]+/events/[0-9]+/eventitems")).willReturn(okJson("[]")));
		source.stubFor(get(urlPathMatching("/(on-loopback|internal)/agenda.pdf"))
			.willReturn(aResponse().withHeader("Content-Type", "application/pdf").withBody(TestPdfs.gardena())));
		source.stubFor(get(urlPathEqualTo("/public-redirect"))
			.willReturn(temporaryRedirect("http://127.0.0.1:" + port + "/internal/status?token=s3cret")));
		source.stubFor(get(urlPathEqualTo("/intranet")).willReturn(temporaryRedirect("http://127.0.0.1:" + port + "/internal/rss")));
		source.stubFor(get(urlPathEqualTo("/internal/rss")).willReturn(aResponse()
			.withHeader("Content-Type", "application/rss+xml").withBody("<rss version=\"2.0\"><channel><title>Intranet</title></channel></rss>")));
		source.stubFor(get(urlPathEqualTo("/public-to-file")).willReturn(temporaryRedirect("file:///etc/passwd")));
	}

	static ObjectNode event(int id, String agenda) {
		ObjectNode event = LegistarFixtures.event(id, "City Commission",
				TestClockConfiguration.NOW.plus(Duration.ofDays(7)).toString().substring(0, 10), "5:00 PM", "City Hall", null);
		event.put("EventAgendaFile", agenda);
		return event;
	}

	@Test
	void aFeedTheAdminConfiguredOnLoopbackIsPolledAndItsDocumentsRead() {
		FeedHealth health = feeds.pollNow("on-loopback");

		assertThat(health.lastError()).isNull();
		assertThat(health.meetings()).isOne();
		sweep.sweep();
		MeetingDocument agenda = meeting("on-loopback").documents().get(0);
		assertThat(agenda.error()).isNull();
		assertThat(agenda.pages()).isPositive();
	}

	@Test
	void aRedirectFromAPublicFeedIntoTheNetworkIsARecordedFeedErrorAndIsNeverFollowed() {
		FeedHealth health = feeds.pollNow("public-redirect");

		assertThat(health.consecutiveFailures()).isOne();
		assertThat(health.lastError()).contains("refused 127.0.0.1/internal/status")
			.contains("more internal than the feed's own url (localhost)").doesNotContain("s3cret");
		source.verify(0, getRequestedFor(urlPathEqualTo("/internal/status")));
	}

	@Test
	void aPublicFeedThatAllowsPrivateAddressesFollowsItsRedirectIntoTheIntranet() {
		FeedHealth health = feeds.pollNow("intranet");

		assertThat(health.lastError()).isNull();
		assertThat(health.consecutiveFailures()).isZero();
		source.verify(getRequestedFor(urlPathEqualTo("/internal/rss")));
	}

	@Test
	void aRedirectToAFileUrlIsARecordedFeedError() {
		FeedHealth health = feeds.pollNow("public-to-file");

		assertThat(health.lastError()).contains("to a file: URL refused");
	}

	@Test
	void anAgendaLinkInAPublicFeedsContentThatLeadsIntoTheNetworkIsARecordedDocumentError() {
		assertThat(feeds.pollNow("public-links").lastError()).isNull();

		sweep.sweep();

		MeetingDocument agenda = meeting("public-links").documents().get(0);
		assertThat(agenda.error()).contains("refused 127.0.0.1/internal/agenda.pdf");
		assertThat(agenda.pages()).isNull();
		source.verify(0, getRequestedFor(urlPathEqualTo("/internal/agenda.pdf")));
	}

	private Meeting meeting(String feedId) {
		List<Meeting> found = meetings.find(TestClockConfiguration.NOW, TestClockConfiguration.NOW.plus(Duration.ofDays(30)),
				feedId);
		assertThat(found).hasSize(1);
		return found.get(0);
	}

}
