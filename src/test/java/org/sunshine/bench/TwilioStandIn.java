package org.sunshine.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.awaitility.Awaitility;

/**
 * The Twilio Messages API as the benchmark's SMS see it: WireMock in a process of its own, as Twilio is. In the
 * benchmark's own JVM a garbage collection paused the stand-in too, and a text that had left on its turn was
 * logged 15 ms late, so the next, on time, seemed to follow it sooner than the pace allows.
 */
final class TwilioStandIn implements AutoCloseable {

	/** Texts the stand-in takes before the benchmark's, so that its JIT is done (see {@link #warmUp()}). */
	private static final int WARM_UP_TEXTS = 5_000;

	private final Process process;

	private final WireMock client;

	private final int port;

	private TwilioStandIn(Process process, int port) {
		this.process = process;
		this.port = port;
		this.client = new WireMock("localhost", port);
	}

	/** Starts WireMock from its standalone jar on the port and answers every text with 201 Created. */
	static TwilioStandIn start(int port) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-jar", wireMockJar().toString(), "--port", String.valueOf(port), "--bind-address",
				"127.0.0.1", "--disable-banner")
			.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		TwilioStandIn standIn = new TwilioStandIn(process, port);
		standIn.awaitStarted();
		standIn.client.register(WireMock.post(WireMock.urlPathMatching("/2010-04-01/Accounts/.*/Messages.json"))
			.willReturn(WireMock.aResponse().withStatus(201).withHeader("Content-Type", "application/json")
				.withBody("{\"sid\": \"SM" + "1".repeat(32) + "\", \"status\": \"queued\"}")));
		standIn.warmUp();
		return standIn;
	}

	/**
	 * Texts in quick succession until the stand-in's JVM has compiled its request path, as Twilio's own servers are
	 * warm; cold, it logged requests up to 15 ms late while its JIT took the cores.
	 */
	private void warmUp() throws IOException, InterruptedException {
		// HTTP/1.1, as Sunshine's Twilio client speaks it (and the JDK's h2c upgrade misreads Jetty's answers at times).
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		HttpRequest text = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/2010-04-01/Accounts/AC0/Messages.json"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("To=%2B13055550000&From=%2B13055550100&Body=warm-up"))
			.build();
		for (int i = 0; i < WARM_UP_TEXTS; i++) {
			http.send(text, HttpResponse.BodyHandlers.discarding());
		}
		resetRequests();
	}

	/** The wiremock-standalone jar the benchmark's class path holds. */
	private static Path wireMockJar() {
		try {
			return Path.of(WireMock.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Until the stand-in answers its admin API (its stubs can then be registered), for a minute at most. */
	private void awaitStarted() {
		Awaitility.await("the Twilio stand-in (WireMock) starts").atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(100))
			.failFast("the Twilio stand-in's process ended", () -> !this.process.isAlive())
			.ignoreExceptions()
			.until(() -> this.client.allStubMappings() != null);
	}

	int port() {
		return this.port;
	}

	void resetRequests() {
		this.client.resetRequests();
	}

	/** When each text reached the stand-in, in milliseconds since the epoch, in order. */
	List<Long> textsReceived() {
		return this.client.find(WireMock.postRequestedFor(WireMock.urlPathMatching(".*/Messages.json")))
			.stream()
			.map(LoggedRequest::getLoggedDate)
			.map(date -> date.getTime())
			.sorted()
			.toList();
	}

	@Override
	public void close() {
		this.process.destroy();
	}

}
