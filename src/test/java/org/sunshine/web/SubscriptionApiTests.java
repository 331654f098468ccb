package org.sunshine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.sunshine.Sealed;

/** The sign-up API and the admin API as clients see them: status codes and problem details naming the field. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"sunshine.feeds-file=src/test/resources/org/sunshine/web/feeds.yml", "sunshine.admin.password=secret",
		"sunshine.outbox-dir=target/test-outbox/api" })
@ActiveProfiles("test")
class SubscriptionApiTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void acceptsASignUpAndStoresNormalisedContactPoints() throws Exception {
		HttpResponse<String> response = post("/api/subscriptions", """
				{"email": "Vecina@Example.ORG", "phone": "(305) 555-0142", "language": "es",
				 "interests": ["287(g)", "immigration", "287(g)"], "feeds": ["key-west"], "delivery": "daily",
				 "reminders": ["PT3M"], "timezone": "America/New_York", "quietHours": {"from": "21:00", "to": "08:00"}}""");
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.body()).contains("\"id\":").contains("\"status\":");
		assertThat(jdbc.sql("select address from contact_point where channel = 'SMS' and address_hash = '" + Sealed.hash("+13055550142") + "'")
			.query(String.class).list()).hasSize(1);
		assertThat(jdbc.sql("select address from contact_point where address_hash = '" + Sealed.hash("Vecina@example.org") + "'")
			.query(String.class).list()).hasSize(1);
		assertThat(jdbc.sql("select terms from interest order by id desc").query(String.class).list().get(0))
			.isEqualTo("287(g)\nimmigration");
	}

	@ParameterizedTest(name = "{0} -> 400 naming {1}")
	@CsvSource(delimiter = '|', value = {
			"{\"email\": \"not-an-address\", \"interests\": [\"budget\"]}|email",
			"{\"interests\": [\"budget\"]}|email",
			"{\"phone\": \"12\", \"interests\": [\"budget\"]}|phone",
			"{\"phone\": \"+44 20 7946 0958\", \"interests\": [\"budget\"]}|phone",
			"{\"phone\": \"+1 900 234 5678\", \"interests\": [\"budget\"]}|phone",
			"{\"phone\": \"+1 876 210 1234\", \"interests\": [\"budget\"]}|phone",
			"{\"phone\": \"+1 242 359 1234\", \"interests\": [\"budget\"]}|phone",
			"{\"email\": \"a@example.org\", \"language\": \"fr\", \"interests\": [\"budget\"]}|language",
			"{\"email\": \"a@example.org\", \"interests\": []}|interests",
			"{\"email\": \"a@example.org\", \"interests\": [\"  \"]}|interests[0]",
			"{\"email\": \"a@example.org\", \"interests\": [\"budget\"], \"feeds\": [\"atlantis\"]}|feeds[0]",
			"{\"email\": \"a@example.org\", \"interests\": [\"budget\"], \"delivery\": \"hourly\"}|delivery",
			"{\"email\": \"a@example.org\", \"interests\": [\"budget\"], \"reminders\": [\"tomorrow\"]}|reminders[0]",
			"{\"email\": \"a@example.org\", \"interests\": [\"budget\"], \"timezone\": \"Mars/Olympus\"}|timezone",
			"{\"email\": \"a@example.org\", \"interests\": [\"budget\"], \"quietHours\": {\"from\": \"9pm\", \"to\": \"08:00\"}}|quietHours.from",
			"{\"email\": \"a@example.org\", \"interests\": \"budget\"}|interests" })
	void refusesABadFieldWithAProblemDetailNamingIt(String body, String field) throws Exception {
		long before = count();
		HttpResponse<String> response = post("/api/subscriptions", body);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"field\":\"" + field + "\"").contains("\"status\":400");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void refusesAnInterestThatDoesNotReadNamingTheFieldAndThePosition() throws Exception {
		long before = count();
		HttpResponse<String> response = post("/api/subscriptions",
				"{\"email\": \"a@example.org\", \"interests\": [\"budget\", \"\\\"task force\\\" AND (police OR\"]}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"field\":\"interests\"")
			.contains("interest 2 ('\\\"task force\\\" AND (police OR'), position 26: OR needs a word after it");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void keepsAnInterestAsWrittenInTheInterestLanguage() throws Exception {
		HttpResponse<String> response = post("/api/subscriptions",
				"{\"email\": \"phrases@example.org\", \"interests\": [\"\\\"task force\\\"  AND (police OR sheriff) -fire\"]}");

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(jdbc.sql("select terms from interest order by id desc").query(String.class).list().get(0))
			.isEqualTo("\"task force\" AND (police OR sheriff) -fire");
	}

	@Test
	void refusesAnAbsurdlyLongInterestList() throws Exception {
		String terms = "\"t\",".repeat(200) + "\"t\"";
		HttpResponse<String> response = post("/api/subscriptions", "{\"email\": \"a@example.org\", \"interests\": [" + terms + "]}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"field\":\"interests\"");
	}

	@Test
	void refusesMalformedJson() throws Exception {
		HttpResponse<String> response = post("/api/subscriptions", "{\"email\": ");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"status\":400");
	}

	@Test
	void adminApiNeedsCredentials() throws Exception {
		assertThat(get("/api/admin/feeds", null).statusCode()).isEqualTo(401);
		assertThat(get("/api/admin/feeds", "admin:wrong").statusCode()).isEqualTo(401);
		HttpResponse<String> health = get("/api/admin/feeds", "admin:secret");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"id\":\"key-west\"").contains("\"status\":\"never-polled\"")
			.doesNotContain("token=");
	}

	@Test
	void pollingAnUnknownFeedIsA404() throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/admin/feeds/atlantis/poll"))
			.header("Authorization", basic("admin:secret")).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(404);
	}

	@Test
	void meetingsApiRefusesABadDate() throws Exception {
		HttpResponse<String> response = get("/api/meetings?from=next-tuesday", null);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"field\":\"from\"");
		assertThat(get("/api/meetings?from=2025-07-01&to=2025-08-01&feed=key-west&q=287", null).statusCode()).isEqualTo(200);
	}

	private long count() {
		return jdbc.sql("select count(*) from subscriber").query(Long.class).single();
	}

	private HttpResponse<String> post(String path, String json) throws Exception {
		return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path, String credentials) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
		if (credentials != null) {
			request.header("Authorization", basic(credentials));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String basic(String credentials) {
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

}
