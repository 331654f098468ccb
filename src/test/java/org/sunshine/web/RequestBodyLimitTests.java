package org.sunshine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.sunshine.TestClockConfiguration;

/**
 * Request bodies over {@code sunshine.web.max-request-body} (64 KB) get 413 with a problem detail, whether the client
 * says their length or streams them, JSON or form; nothing of them is stored. A CSV import streams and is not capped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"sunshine.feeds-file=src/test/resources/org/sunshine/web/feeds.yml", "sunshine.admin.password=secret",
		"sunshine.outbox-dir=target/test-outbox/listing" })
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class RequestBodyLimitTests {

	/** A sign-up that would be valid but for its size: one interest of 70,000 characters. */
	private static final String HUGE_SIGNUP = "{\"email\": \"large@example.org\", \"interests\": [\"" + "x".repeat(70_000)
			+ "\"]}";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aJsonBodyOverTheCapIsRefusedWith413AndAProblem() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/subscriptions"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(HUGE_SIGNUP)));

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"status\":413").contains("65536 bytes");
		assertThat(stored()).isZero();
	}

	@Test
	void aJsonBodyStreamedWithoutALengthStopsAtTheCap() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/subscriptions"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(
					() -> new ByteArrayInputStream(HUGE_SIGNUP.getBytes(StandardCharsets.UTF_8)))));

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("\"status\":413");
		assertThat(stored()).isZero();
	}

	@Test
	void aFormOverTheCapIsRefusedWith413() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/subscribe"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("email=large%40example.org&interests=" + "x".repeat(70_000))));

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(stored()).isZero();
	}

	@Test
	void aCsvImportLargerThanTheCapStillStreamsIn() throws Exception {
		String csv = "email,phone,language,interests,consent_at,consent_source\n" + IntStream.range(0, 1500)
			.mapToObj(i -> "csv" + i + "@example.org,,en,budget;zoning,2025-06-01T12:00:00Z,paper sign-up sheet")
			.collect(Collectors.joining("\n"));
		assertThat(csv.length()).isGreaterThan(64 * 1024);

		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/admin/subscribers/import"))
			.header("Content-Type", "text/csv")
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:secret".getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofString(csv)));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"imported\":1500");
	}

	private long stored() {
		return jdbc.sql("select count(*) from interest where terms like 'xxxxxxxx%'").query(Long.class).single();
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

}
