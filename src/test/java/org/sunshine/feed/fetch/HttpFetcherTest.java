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
