package org.sunshine;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sunshine as an operator meets it, on a random port with no {@code sunshine.public-url}: links follow the
 * server's port; probes reach health without credentials, the admin sees its components; Prometheus finds
 * the metrics of a poll, a match and a sent alert.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class OperationsTests {

	static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:ops-admin".getBytes(StandardCharsets.UTF_8));

	@RegisterExtension
	static WireMockExtension legistar = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@TempDir
	static Path dir;

	static final AtomicInteger counter = new AtomicInteger();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		Path feeds = dir.resolve("feeds.yml");
		Files.writeString(feeds, """
				feeds:
				  - id: key-west
				    name: City of Key West
				    type: legistar
				    url: http://localhost:%d/v1/keywest
				    timezone: America/New_York
				    every: 15m
				  - id: gone
				    name: Gone County
				    type: rss
				    url: http://localhost:%d/feed.xml
				    timezone: America/New_York
				    every: 15m
				""".formatted(legistar.getPort(), closedPort()));
		registry.add("sunshine.feeds-file", feeds::toString);
		registry.add("sunshine.outbox-dir", () -> dir.resolve("outbox").toString());
		registry.add("sunshine.admin.password", () -> "ops-admin");
		registry.add("sunshine.web.trusted-proxies", () -> "127.0.0.1");
		registry.add("sunshine.subscription.signups-per-client-per-hour", () -> "3");
	}

	/** A port nothing listens on: connections to it are refused at once. */
	static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void setUp() {
		clock.set(TestClockConfiguration.NOW);
	}

	@Test
	void confirmationLinksCarryThePortTheServerRunsOn() throws Exception {
		String email = "port" + counter.incrementAndGet() + "@example.org";
		assertThat(signUp(email, "stormwater").statusCode()).isEqualTo(202);

		String text = awaitEmailTo(email);
		assertThat(text).contains("http://localhost:" + port + "/s/");
		assertThat(port).isNotEqualTo(8080);
		assertThat(text).doesNotContain("localhost:8080");
	}

	@Test
	void everyPageSaysNoInlineScriptNoFramingAndNoReferrer() throws Exception {
		for (String path : java.util.List.of("/", "/meetings", "/s/not-a-token", "/api/meetings")) {
			java.net.http.HttpResponse<String> page = http.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create("http://localhost:" + port + path)).build(),
					java.net.http.HttpResponse.BodyHandlers.ofString());
			assertThat(page.headers().firstValue("Content-Security-Policy")).as(path)
				.hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'")
					.doesNotContain("unsafe-eval").doesNotContainPattern("script-src[^;]*unsafe-inline"));
			assertThat(page.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
			assertThat(page.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
			assertThat(page.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
		}
	}

	/** Ten wrong admin passwords from one address and it must wait, even with the right one; others need not. */
	@Test
	void guessingTheAdminPasswordIsThrottledPerClient() throws Exception {
		String guesser = "198.51.100.66";
		String wrong = "Basic " + Base64.getEncoder().encodeToString("admin:guess".getBytes(StandardCharsets.UTF_8));
		for (int i = 0; i < 10; i++) {
			assertThat(adminFrom(guesser, wrong).statusCode()).as("guess " + (i + 1)).isEqualTo(401);
		}
		HttpResponse<String> blocked = adminFrom(guesser, ADMIN);
		assertThat(blocked.statusCode()).as("the right password, after ten wrong ones").isEqualTo(429);
		assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
		assertThat(adminFrom("198.51.100.67", ADMIN).statusCode()).as("another admin elsewhere").isEqualTo(200);

		clock.advance(java.time.Duration.ofMinutes(16));
		assertThat(adminFrom(guesser, ADMIN).statusCode()).as("once the window has passed").isEqualTo(200);
	}

	private HttpResponse<String> adminFrom(String client, String authorization) throws Exception {
		return http.send(HttpRequest.newBuilder(uri("/api/admin/feeds")).header("Authorization", authorization)
			.header("X-Forwarded-For", client).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void probesReachHealthWithoutCredentialsAndTheAdminSeesEachComponent() throws Exception {
		HttpResponse<String> anonymous = fetch("/actuator/health", null);
		assertThat(anonymous.statusCode()).isEqualTo(200);
		assertThat(anonymous.body()).contains("\"status\"").doesNotContain("\"components\"");
		assertThat(fetch("/actuator/health/liveness", null).body()).contains("\"status\":\"UP\"");
		HttpResponse<String> readiness = fetch("/actuator/health/readiness", ADMIN);
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).contains("\"database\"").contains("\"readinessState\"").doesNotContain("\"feeds\"");

		HttpResponse<String> details = fetch("/actuator/health", ADMIN);
		assertThat(details.statusCode()).isEqualTo(200);
		for (String component : List.of("database", "mail", "sms", "feeds", "outbox")) {
			assertThat(details.body()).contains("\"" + component + "\":{");
		}
		assertThat(details.body()).contains("\"gone\"").contains("\"backlog\"").contains("writing .eml files to");
	}

	@Test
	void prometheusCountsPollsErrorsChangesMatchesMessagesAndLatency() throws Exception {
		assertThat(fetch("/actuator/prometheus", null).statusCode()).isEqualTo(401);
		String email = "metrics" + counter.incrementAndGet() + "@example.org";
		signUp(email, "287(g)");
		confirm(awaitEmailTo(email));

		legistar.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/v1/keywest/events")).willReturn(okJson(LegistarFixtures.array(
				LegistarFixtures.event(4102, "City Commission", "2025-07-08", "5:00 PM", "City Hall", "Special meeting")))));
		legistar.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/v1/keywest/events/4102/eventitems")).willReturn(okJson(LegistarFixtures
			.array(LegistarFixtures.item(9102, 4102, 1, "1", "Reinstating the 287(g) Task Force Model agreement", "Res. 25-212")))));
		assertThat(post("/api/admin/feeds/key-west/poll").statusCode()).isEqualTo(200);
		assertThat(post("/api/admin/feeds/gone/poll").statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(60)).until(() -> emailsTo(email).size() >= 2);

		HttpResponse<String> scrape = fetch("/actuator/prometheus", ADMIN);
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body())
			.contains("sunshine_feed_polls_total{feed=\"key-west\",outcome=\"success\"}")
			.contains("sunshine_feed_polls_total{feed=\"gone\",outcome=\"failure\"}")
			.contains("sunshine_feed_errors_total{feed=\"gone\"}")
			.containsPattern("sunshine_changes_total\\{feed=\"key-west\"} [1-9]")
			.containsPattern("sunshine_matches_total [1-9]")
			.contains("sunshine_messages_total{channel=\"email\",outcome=\"sent\"}")
			.contains("sunshine_outbox_depth ")
			.contains("sunshine_outbox_oldest_age_seconds ")
			.contains("sunshine_delivery_latency_seconds_bucket{channel=\"email\"");
	}

	@Test
	void behindATrustedProxyEachClientHasItsOwnSignUpLimit() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(signUpFrom("198.51.100.7").statusCode()).isEqualTo(202);
		}
		assertThat(signUpFrom("198.51.100.7").statusCode()).isEqualTo(429);
		assertThat(signUpFrom("198.51.100.8").statusCode()).as("another resident behind the same proxy").isEqualTo(202);
		// What a client writes before the proxy's own entry does not make it someone else.
		assertThat(signUpFrom("203.0.113.1, 198.51.100.7").statusCode()).isEqualTo(429);
	}

	@Test
	void theRestApiIsDescribedAsOpenApi() throws Exception {
		HttpResponse<String> docs = fetch("/api/docs", null);
		assertThat(docs.statusCode()).isEqualTo(200);
		tools.jackson.databind.JsonNode api = tools.jackson.databind.json.JsonMapper.builder().build().readTree(docs.body());
		assertThat(api.get("openapi").asString()).startsWith("3.");
		assertThat(api.get("info").get("title").asString()).isEqualTo("Sunshine API");
		tools.jackson.databind.JsonNode paths = api.get("paths");
		assertThat(paths.get("/api/subscriptions").has("post")).isTrue();
		assertThat(paths.get("/api/meetings").has("get")).isTrue();
		assertThat(paths.get("/api/meetings.ocd.json").has("get")).isTrue();
		assertThat(paths.get("/api/admin/feeds/{id}/poll").has("post")).isTrue();
		// Every operation says what it answers, as OpenAPI requires.
		paths.properties().forEach(path -> path.getValue().properties()
			.forEach(operation -> assertThat(operation.getValue().has("responses")).as(path.getKey()).isTrue()));
		assertThat(paths.has("/admin")).as("pages are not the API").isFalse();
		// And the whole description is valid OpenAPI, as a client generator's parser reads it.
		var options = new io.swagger.v3.parser.core.models.ParseOptions();
		options.setResolve(true);
		var parsed = new io.swagger.v3.parser.OpenAPIV3Parser().readContents(docs.body(), null, options);
		assertThat(parsed.getMessages()).as("problems the OpenAPI parser found").isEmpty();
		assertThat(parsed.getOpenAPI().getPaths()).containsKey("/api/organizer/campaigns");
	}

	private HttpResponse<String> signUpFrom(String forwardedFor) throws Exception {
		String json = "{\"email\":\"proxied" + counter.incrementAndGet() + "@example.org\",\"interests\":[\"parks\"]}";
		return http.send(HttpRequest.newBuilder(uri("/api/subscriptions")).header("Content-Type", "application/json")
			.header("X-Forwarded-For", forwardedFor).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> signUp(String email, String interest) throws Exception {
		String json = "{\"email\":\"" + email + "\",\"interests\":[\"" + interest + "\"],\"feeds\":[\"key-west\"]}";
		return http.send(HttpRequest.newBuilder(uri("/api/subscriptions")).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private void confirm(String confirmation) throws Exception {
		Matcher link = Pattern.compile("http://localhost:" + port + "(/s/[A-Za-z0-9_-]+/confirm)").matcher(confirmation);
		assertThat(link.find()).isTrue();
		WebClient browser = new WebClient("http://localhost:" + port);
		browser.get(link.group(1));
		assertThat(browser.submit(link.group(1), Map.of()).body()).contains("Confirmed");
	}

	private String awaitEmailTo(String email) throws Exception {
		await().atMost(Duration.ofSeconds(60)).until(() -> !emailsTo(email).isEmpty());
		return emailsTo(email).get(0);
	}

	/** The plain text of each .eml written for the address, oldest first. */
	static List<String> emailsTo(Path outbox, String email) throws Exception {
		Path folder = outbox.resolve("email");
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		List<Path> files;
		try (Stream<Path> listed = Files.list(folder)) {
			files = listed.filter(file -> file.toString().endsWith(".eml")).sorted().toList();
		}
		List<String> texts = new java.util.ArrayList<>();
		for (Path file : files) {
			try (InputStream in = Files.newInputStream(file)) {
				MimeMessage message = new MimeMessage(Session.getInstance(new java.util.Properties()), in);
				if (message.getAllRecipients()[0].toString().equals(email)) {
					texts.add(Mails.plainText(message));
				}
			}
		}
		return texts;
	}

	private List<String> emailsTo(String email) throws Exception {
		return emailsTo(dir.resolve("outbox"), email);
	}

	private HttpResponse<String> fetch(String path, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", ADMIN)
			.POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

}
