package org.sunshine.feed.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.temporaryRedirect;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sunshine.SilentServer;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

class HttpFetcherTest {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	/** Time enough for anything a working local server does, however loaded the machine: no test races it. */
	private final HttpFetcher fetcher = new HttpFetcher(Duration.ofSeconds(10), Duration.ofSeconds(60), 1_000,
			"Sunshine-test/1.0");

	/** For servers that never finish answering, where a timeout is the only possible outcome. */
	private final HttpFetcher impatient = new HttpFetcher(Duration.ofSeconds(10), Duration.ofSeconds(1), 1_000,
			"Sunshine-test/1.0");

	private static URI uri(String pathAndQuery) {
		return URI.create(wm.baseUrl() + pathAndQuery);
	}

	@Test
	void returnsBodyContentTypeAndValidatorsThenNotModified() throws Exception {
		String lastModified = "Wed, 21 Oct 2015 07:28:00 GMT";
		wm.stubFor(get(urlPathEqualTo("/feed")).withHeader("If-None-Match", absent())
			.willReturn(ok("<rss/>").withHeader("Content-Type", "application/rss+xml")
				.withHeader("ETag", "\"v1\"")
				.withHeader("Last-Modified", lastModified)));
		wm.stubFor(get(urlPathEqualTo("/feed")).withHeader("If-None-Match", equalTo("\"v1\""))
			.withHeader("If-Modified-Since", equalTo(lastModified))
			.willReturn(aResponse().withStatus(304)));

		FetchResult first = fetcher.fetch(uri("/feed"));
		FetchResult second = fetcher.fetch(uri("/feed"), first.validators());

		assertThat(first.notModified()).isFalse();
		assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("<rss/>");
		assertThat(first.contentType()).isEqualTo("application/rss+xml");
		assertThat(first.validators()).isEqualTo(new Validators("\"v1\"", lastModified));
		assertThat(second.notModified()).isTrue();
		assertThat(second.body()).isEmpty();
		assertThat(second.validators()).isEqualTo(first.validators());
		wm.verify(getRequestedFor(urlPathEqualTo("/feed")).withHeader("User-Agent", equalTo("Sunshine-test/1.0")));
	}

	/**
	 * Plain http is fetched over HTTP/1.1, never upgraded to HTTP/2 (h2c). Against Jetty (WireMock), the JDK's client
	 * read 5 of 400 upgraded responses of a 296 KB Legistar page as HTTP/2 frames ("Frame type(47) length(5195056)
	 * exceeds MAX_FRAME_SIZE(16384)"), and the page was lost to an IOException.
	 */
	@Test
	void plainHttpIsFetchedOverHttp11WithoutAskingForAnUpgrade() throws Exception {
		wm.stubFor(get(urlPathEqualTo("/feed")).willReturn(ok("<rss/>")));

		fetcher.fetch(uri("/feed"));

		wm.verify(getRequestedFor(urlPathEqualTo("/feed")).withHeader("Upgrade", absent())
			.withHeader("HTTP2-Settings", absent()));
	}

	@Test
	void keepsPreviousValidatorsWhenTheResponseHasNone() throws Exception {
		wm.stubFor(get(urlPathEqualTo("/feed")).willReturn(ok("changed")));
		Validators previous = new Validators("\"old\"", "Wed, 21 Oct 2015 07:28:00 GMT");

		FetchResult result = fetcher.fetch(uri("/feed"), previous);

		assertThat(result.notModified()).isFalse();
		assertThat(result.validators()).isEqualTo(previous);
	}

	@Test
	void followsRedirects() throws Exception {
		wm.stubFor(get(urlPathEqualTo("/old")).willReturn(temporaryRedirect(wm.baseUrl() + "/new")));
		wm.stubFor(get(urlPathEqualTo("/new")).willReturn(ok("moved here")));

		assertThat(new String(fetcher.fetch(uri("/old")).body(), StandardCharsets.UTF_8)).isEqualTo("moved here");
	}

	/**
	 * As if "localhost" were an agency's public host: WireMock still answers on loopback, but the rule sees a public
	 * feed, so a redirect to 127.0.0.1 is the source leading inside the network.
	 */
	private final HttpFetcher localhostIsPublic = new HttpFetcher(Duration.ofSeconds(10), Duration.ofSeconds(60), 1_000,
			"Sunshine-test/1.0", new AddressPolicy(host -> "localhost".equals(host)
					? new java.net.InetAddress[] { java.net.InetAddress.getByAddress(host, new byte[] { 93, (byte) 184, (byte) 216, 34 }) }
					: java.net.InetAddress.getAllByName(host)));

	@Test
	void aRedirectFromAPublicFeedToLoopbackIsRefusedAndNeverRequested() {
		wm.stubFor(get(urlPathEqualTo("/feed")).willReturn(temporaryRedirect("http://127.0.0.1:" + wm.getPort() + "/internal?key=s3cret")));
		wm.stubFor(get(urlPathEqualTo("/internal")).willReturn(ok("internal service")));
		URI feed = URI.create("http://localhost:" + wm.getPort() + "/feed");

		assertThatThrownBy(() -> localhostIsPublic.fetch(feed, Validators.NONE, Reach.of(feed)))
			.isInstanceOf(FetchException.class)
			.hasMessageContaining("refused 127.0.0.1/internal")
			.hasMessageContaining("loopback address 127.0.0.1")
			.hasMessageContaining("allow-private")
			.hasMessageNotContaining("s3cret");
		wm.verify(0, getRequestedFor(urlPathEqualTo("/internal")));
	}

	@Test
	void aPublicFeedThatAllowsPrivateAddressesFollowsTheRedirectInside() throws Exception {
		wm.stubFor(get(urlPathEqualTo("/feed")).willReturn(temporaryRedirect("http://127.0.0.1:" + wm.getPort() + "/intranet")));
		wm.stubFor(get(urlPathEqualTo("/intranet")).willReturn(ok("intranet agenda")));
		URI feed = URI.create("http://localhost:" + wm.getPort() + "/feed");

		FetchResult result = localhostIsPublic.fetch(feed, Validators.NONE, new Reach(feed, true));

		assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo("intranet agenda");
	}

	@Test
	void aLinkFromAPublicFeedsContentToLoopbackIsRefused() {
		URI feed = URI.create("https://agenda.example.org/feed");
		URI link = URI.create("http://127.0.0.1:" + wm.getPort() + "/admin");

		assertThatThrownBy(() -> localhostIsPublic.fetch(link, Validators.NONE, Reach.of(feed)))
			.isInstanceOf(FetchException.class)
			.hasMessageContaining("more internal than the feed's own url (agenda.example.org)");
		wm.verify(0, getRequestedFor(urlPathEqualTo("/admin")));
	}

	@Test
	void cloudMetadataIsOutOfReachEvenOfAFeedOnLoopbackOrOneThatAllowsPrivateAddresses() {
		URI metadata = URI.create("http://169.254.169.254/latest/meta-data/");
		URI loopbackFeed = URI.create("http://127.0.0.1:" + wm.getPort() + "/feed");

		assertThatThrownBy(() -> fetcher.fetch(metadata, Validators.NONE, new Reach(loopbackFeed, true)))
			.isInstanceOf(FetchException.class)
			.hasMessageContaining("link-local address 169.254.169.254")
			.hasMessageContaining("only a feed whose own url names such an address reaches one");
	}

	@Test
	void aFeedTheAdminPutOnLoopbackIsFetchedAndMayRedirectOnLoopback() throws Exception {
		wm.stubFor(get(urlPathEqualTo("/old")).willReturn(temporaryRedirect("http://localhost:" + wm.getPort() + "/new")));
		wm.stubFor(get(urlPathEqualTo("/new")).willReturn(ok("moved here")));
		URI feed = URI.create("http://127.0.0.1:" + wm.getPort() + "/old");

		assertThat(new String(fetcher.fetch(feed, Validators.NONE, Reach.of(feed)).body(), StandardCharsets.UTF_8))
			.isEqualTo("moved here");
	}

	@Test
	void aRedirectToAFileOrFtpUrlIsRefused() {
		wm.stubFor(get(urlPathEqualTo("/file")).willReturn(temporaryRedirect("file:///etc/passwd")));
		wm.stubFor(get(urlPathEqualTo("/ftp")).willReturn(temporaryRedirect("ftp://files.example.org/agenda.pdf")));

		assertThatThrownBy(() -> fetcher.fetch(uri("/file"))).isInstanceOf(FetchException.class)
			.hasMessageContaining("to a file: URL refused");
		assertThatThrownBy(() -> fetcher.fetch(uri("/ftp"))).isInstanceOf(FetchException.class)
			.hasMessageContaining("to a ftp: URL refused");
	}

	@Test
	void fileFtpAndOtherSchemesAreNeverFetched() {
		for (String url : new String[] { "file:///etc/passwd", "ftp://files.example.org/agenda.pdf", "jar:file:/x.jar!/a",
				"gopher://example.org/" }) {
			assertThatThrownBy(() -> fetcher.fetch(URI.create(url))).as(url).isInstanceOf(FetchException.class)
				.hasMessageContaining("refused (only http and https are fetched)");
		}
	}

	@Test
	void aRedirectFromHttpsDownToHttpIsRefusedAndUpToHttpsIsFollowed() throws FetchException {
		URI secure = URI.create("https://agenda.example.org/feed");

		assertThatThrownBy(() -> HttpFetcher.redirect(secure, "http://agenda.example.org/feed", 301))
			.isInstanceOf(FetchException.class)
			.hasMessage("redirect from https://agenda.example.org/feed down to http://agenda.example.org/feed refused");
		assertThat(HttpFetcher.redirect(URI.create("http://agenda.example.org/feed"), "https://agenda.example.org/feed",
				301)).hasToString("https://agenda.example.org/feed");
		assertThat(HttpFetcher.redirect(secure, "/v2/feed?x=1", 302)).hasToString("https://agenda.example.org/v2/feed?x=1");
	}

	@Test
	void aRedirectLoopEndsAfterFiveHops() {
		wm.stubFor(get(urlPathEqualTo("/loop")).willReturn(temporaryRedirect("/loop")));

		assertThatThrownBy(() -> fetcher.fetch(uri("/loop"))).isInstanceOf(FetchException.class)
			.hasMessage("more than 5 redirects from localhost/loop");
	}

	@Test
	void aHostThatCannotBeReachedIsSaidInWordsNotAClassName() throws Exception {
		int closed;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		int port = closed;
		assertThatThrownBy(() -> fetcher.fetch(URI.create("http://localhost:" + port + "/v1/keywest/events")))
			.isInstanceOf(FetchException.class)
			.hasMessage("cannot reach localhost: offline?");
		assertThatThrownBy(() -> fetcher.fetch(URI.create("http://no-such-host.invalid/feed")))
			.isInstanceOf(FetchException.class)
			.hasMessage("cannot reach no-such-host.invalid: offline?");
	}

	@Test
	void refusesABodyOverTheCap() {
		wm.stubFor(get(urlPathEqualTo("/big")).willReturn(ok("x".repeat(1_001))));

		assertThatThrownBy(() -> fetcher.fetch(uri("/big")))
			.isInstanceOf(FetchException.class)
			.hasMessageContaining("response larger than 1000 bytes");
	}

	@Test
	void refusesAChunkedBodyOverTheCapWithoutAContentLength() {
		wm.stubFor(get(urlPathEqualTo("/big")).willReturn(ok("x".repeat(50_000)).withChunkedDribbleDelay(5, 50)));

		assertThatThrownBy(() -> fetcher.fetch(uri("/big")))
			.isInstanceOf(FetchException.class)
			.hasMessageContaining("response larger than 1000 bytes");
	}

	@Test
	void acceptsABodyExactlyAtTheCap() throws Exception {
		wm.stubFor(get(urlPathEqualTo("/full")).willReturn(ok("x".repeat(1_000))));

		assertThat(fetcher.fetch(uri("/full")).body()).hasSize(1_000);
	}

	@Test
	void givesUpOnAServerThatSendsNoHeaders() throws IOException {
		try (SilentServer stalled = SilentServer.neverAnswering()) {
			// The server never answers: returning at all shows that the fetcher gave up by itself.
			assertThatThrownBy(() -> impatient.fetch(stalled.uri("/feed"))).isInstanceOf(FetchException.class)
				.hasMessageContaining("did not complete within 1000 ms");
		}
	}

	@Test
	void givesUpOnABodyThatNeverEnds() throws IOException {
		try (SilentServer trickling = SilentServer
			.stoppingAfter("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 500\r\n\r\nyyyy")) {
			// The headers come at once and the body never completes: the deadline covers the body too.
			assertThatThrownBy(() -> impatient.fetch(trickling.uri("/feed"))).isInstanceOf(FetchException.class)
				.hasMessageContaining("did not complete within 1000 ms");
		}
	}

	@Test
	void reportsAnErrorStatusWithoutTheQueryString() {
		wm.stubFor(get(urlPathEqualTo("/v1/keywest/events")).willReturn(aResponse().withStatus(500)));

		assertThatThrownBy(() -> fetcher.fetch(uri("/v1/keywest/events?token=s3cret")))
			.isInstanceOf(FetchException.class)
			.hasMessageContaining("HTTP 500")
			.hasMessageContaining("localhost/v1/keywest/events")
			.hasMessageNotContaining("s3cret");
	}

	@Test
	void reportsARefusedConnection() throws IOException {
		int unusedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			unusedPort = socket.getLocalPort();
		}

		assertThatThrownBy(() -> fetcher.fetch(URI.create("http://localhost:" + unusedPort + "/feed?token=s3cret")))
			.isInstanceOf(FetchException.class)
			.hasMessage("cannot reach localhost: offline?");
	}

}
