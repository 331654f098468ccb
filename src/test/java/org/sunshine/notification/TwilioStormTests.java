package org.sunshine.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.sunshine.MutableClock;
import org.sunshine.TestClockConfiguration;
import org.sunshine.subscription.Channel;

/**
 * A storm at Twilio (WireMock behind the real SDK): for ten minutes on the injected clock every send is
 * answered 429 with a Retry-After or a 5xx, then Twilio is back. Nothing is lost or given up, and each text
 * leaves exactly once within a minute of the recovery (retries are never further apart than
 * {@code max-retry-delay}, one minute by default, and the Retry-After asked for here is shorter).
 */
@SpringBootTest(properties = { "sunshine.feeds-file=target/no-feeds.yml", "sunshine.outbox-dir=target/test-outbox/storm" })
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class TwilioStormTests {

	static final int TEXTS = 40;

	static final Duration STORM = Duration.ofMinutes(10);

	@RegisterExtension
	static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("sunshine.sms.twilio.account-sid", () -> "AC00000000000000000000000000000003");
		registry.add("sunshine.sms.twilio.auth-token", () -> "token");
		registry.add("sunshine.sms.twilio.from", () -> "+13055550100");
		registry.add("sunshine.sms.twilio.api-base-url", () -> "http://localhost:" + twilio.getPort());
	}

	@Autowired
	Outbox outbox;

	@Autowired
	OutboxDispatcher dispatcher;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aStormOf429sAnd5xxLosesNothingAndEveryTextLeavesOnceWithinAMinuteOfTheRecovery() {
		List<String> numbers = IntStream.range(0, TEXTS).mapToObj(i -> "+1305555%04d".formatted(200 + i)).toList();
		numbers.forEach(number -> outbox.enqueue(sms("storm-" + number, number), clock.instant()));

		Instant calm = clock.instant().plus(STORM);
		storm(numbers, 0);
		Instant halfway = clock.instant().plus(STORM.dividedBy(2));
		while (clock.instant().isBefore(calm)) {
			if (!clock.instant().isBefore(halfway)) {
				storm(numbers, 1); // The halves swap: each text meets both kinds of refusal.
				halfway = calm;
			}
			dispatcher.dispatchDue();
			clock.advance(Duration.ofSeconds(10));
		}
		assertThat(statuses(numbers)).as("nothing given up during the storm").containsOnly("PENDING");
		assertThat(numbers).allSatisfy(number -> assertThat(requests(number)).as("tries during the storm").isGreaterThan(3));

		// Twilio is back; the journal starts again, so that what is counted below is what came after the storm.
		twilio.resetAll();
		twilio.stubFor(messages().willReturn(created()));
		clock.advance(Duration.ofMinutes(1));
		dispatcher.dispatchDue();

		assertThat(statuses(numbers)).as("all sent within a minute of the recovery").containsOnly("SENT");
		assertThat(numbers).allSatisfy(number -> assertThat(requests(number)).as("sent once").isOne());
		clock.advance(Duration.ofHours(1));
		dispatcher.recover();
		dispatcher.dispatchDue();
		assertThat(numbers).allSatisfy(number -> assertThat(requests(number)).as("and never again").isOne());
	}

	/** Half of the numbers get 429 with a Retry-After, the other half a 5xx; {@code turn} swaps the halves. */
	private static void storm(List<String> numbers, int turn) {
		twilio.resetMappings();
		for (int i = 0; i < numbers.size(); i++) {
			MappingBuilder send = messages().withRequestBody(containing("To=" + numbers.get(i).replace("+", "%2B")));
			twilio.stubFor(send.willReturn((i + turn) % 2 == 0
					? error(429, 20429, "Too Many Requests").withHeader("Retry-After", "45")
					: error(turn == 0 ? 503 : 500, 20500, "Service Unavailable")));
		}
	}

	private List<String> statuses(List<String> numbers) {
		return jdbc.sql("select status from notification where idempotency_key in (:keys)")
			.param("keys", numbers.stream().map(number -> "storm-" + number).toList())
			.query(String.class).list();
	}

	private static OutboxMessage sms(String key, String to) {
		// A confirmation request: the one kind of message a number may get before it is confirmed.
		return OutboxMessage.rendered(key, null, Channel.SMS, to, "confirm",
				OutboxMessage.Rendered.sms("Reply YES to get City Commission alerts"));
	}

	private static MappingBuilder messages() {
		return post(urlPathMatching("/2010-04-01/Accounts/.*/Messages.json"));
	}

	private static int requests(String number) {
		return twilio.findAll(postRequestedFor(urlPathMatching("/2010-04-01/.*"))
			.withRequestBody(containing("To=" + number.replace("+", "%2B")))).size();
	}

	private static ResponseDefinitionBuilder created() {
		return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
			.withBody("{\"sid\": \"SM" + "2".repeat(32) + "\", \"status\": \"queued\"}");
	}

	private static ResponseDefinitionBuilder error(int status, int code, String message) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
			.withBody("{\"code\": " + code + ", \"message\": \"" + message + "\", \"status\": " + status + "}");
	}

}
