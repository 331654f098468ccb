package org.sunshine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.sunshine.feed.FeedAdmin;

/**
 * A newcomer's first run on the shipped configuration (config/feeds.yml with the real Key West feed, the sample
 * city on), offline: they sign up, confirm, and find in the outbox an alert about a sample meeting and then its
 * correction. The sample city's script runs on the injected clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sunshine.demo=true", "sunshine.feeds-file=config/feeds.yml" })
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class SampleCityTests {

	@TempDir
	static Path dir;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("sunshine.outbox-dir", () -> dir.resolve("outbox").toString());
	}

	@LocalServerPort
	int port;

	@Autowired
	FeedAdmin feeds;

	@Autowired
	MutableClock clock;

	@Test
	void aNewcomerSeesConfirmationThenAnAlertThenACorrectionFromTheSampleCity() throws Exception {
		assertThat(feeds.names()).extracting(FeedAdmin.FeedName::id).containsExactly("sample-city", "key-west");
		// Five seconds into a two-minute cycle of the sample city's script.
		clock.set(TestClockConfiguration.NOW.plusSeconds(5));
		String email = "newcomer@example.org";
		String json = "{\"email\":\"" + email + "\",\"interests\":[\"287(g)\"]}";
		assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/subscriptions"))
			.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
				HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
		String confirmation = awaitEmails(email, 1).get(0);
		Matcher link = Pattern.compile("http://localhost:" + port + "(/s/[A-Za-z0-9_-]+/confirm)").matcher(confirmation);
		assertThat(link.find()).isTrue();
		WebClient browser = new WebClient("http://localhost:" + port);
		browser.get(link.group(1));
		assertThat(browser.submit(link.group(1), Map.of()).body()).contains("Confirmed");

		feeds.pollNow("sample-city");
		String alert = awaitEmails(email, 2).get(1);
		assertThat(alert).contains("SAMPLE special meeting").contains("287(g)").contains("5:00 PM");

		clock.advance(Duration.ofMinutes(1));
		feeds.pollNow("sample-city");
		String correction = awaitEmails(email, 3).get(2);
		assertThat(correction).contains("SAMPLE special meeting").contains("6:30 PM").contains("5:00 PM");

		String page = browser.get("/meetings").body();
		assertThat(page).contains("Sample City (not a real city)").contains("(not a real meeting)");

		exportsTheMeetingsAsOpenCivicDataEvents(browser.get("/api/meetings.ocd.json").body());
	}

	/**
	 * Checked against a real OCD event (Chicago's, from the city-scrapers corpus): the same fields with the same
	 * JSON types, nested objects included, and OCD's id and status vocabulary.
	 */
	private void exportsTheMeetingsAsOpenCivicDataEvents(String json) throws Exception {
		JsonMapper mapper = JsonMapper.builder().build();
		JsonNode sample = mapper.readTree(Files.readString(Path.of("src/test/resources/org/sunshine/web/ocd-event.json")));
		JsonNode results = mapper.readTree(json).get("results");
		assertThat(results.size()).isGreaterThanOrEqualTo(1);
		for (JsonNode event : results) {
			assertSameShape(sample, event, "event");
			assertThat(event.get("id").asString()).matches("ocd-event/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
			assertThat(event.get("status").asString()).isIn("confirmed", "tentative", "cancelled", "passed");
			assertThat(java.time.OffsetDateTime.parse(event.get("start_date").asString())).isNotNull();
		}
		JsonNode meeting = results.get(0);
		assertThat(meeting.get("name").asString()).contains("SAMPLE special meeting");
		assertThat(meeting.get("agenda")).hasSize(3);
		JsonNode item = meeting.get("agenda").get(0);
		assertThat(item.get("description").asString()).contains("287(g)");
		assertThat(item.get("order").asString()).isEqualTo("1");
		for (String field : List.of("subjects", "related_entities", "notes", "media")) {
			assertThat(item.get(field).isArray()).as(field).isTrue();
		}
	}

	private static void assertSameShape(JsonNode expected, JsonNode actual, String path) {
		assertThat(actual.propertyNames()).as(path + " fields").containsExactlyInAnyOrderElementsOf(expected.propertyNames());
		for (String field : expected.propertyNames()) {
			JsonNode want = expected.get(field);
			JsonNode have = actual.get(field);
			if (want.isNull()) {
				continue; // Nullable in OCD (debug, coordinates).
			}
			assertThat(have.getNodeType()).as(path + "." + field).isEqualTo(want.getNodeType());
			if (want.isObject() && !"extras".equals(field)) {
				assertSameShape(want, have, path + "." + field);
			}
			if (want.isArray() && !want.isEmpty() && !have.isEmpty() && want.get(0).isObject()) {
				assertSameShape(want.get(0), have.get(0), path + "." + field + "[0]");
			}
		}
	}

	private List<String> awaitEmails(String email, int count) throws Exception {
		await().atMost(Duration.ofSeconds(60)).until(() -> OperationsTests.emailsTo(dir.resolve("outbox"), email).size() >= count);
		return OperationsTests.emailsTo(dir.resolve("outbox"), email);
	}

}
