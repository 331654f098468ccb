package org.sunshine.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

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
 * Every message once: the outbox against Twilio's REST API (WireMock behind the real SDK). Transient
 * failures wait for their backoff, permanent ones are never retried, an opt-out stops what is queued for
 * that number, and a message interrupted mid-send is not sent again.
 */
@SpringBootTest(properties = { "sunshine.feeds-file=target/no-feeds.yml", "sunshine.outbox-dir=target/test-outbox/dispatch",
		"sunshine.notification.retry-delay=30s", "sunshine.notification.max-attempts=3" })
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class OutboxDispatcherTests {

	@RegisterExtension
	static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("sunshine.sms.twilio.account-sid", () -> "AC00000000000000000000000000000002");
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
	DeliveryMetrics metrics;

	@Autowired
	JdbcClient jdbc;

	@Test
	void sameIdempotencyKeyIsQueuedOnce() {
		assertThat(outbox.enqueue(sms("once", "+13055550001"), clock.instant())).isTrue();
		assertThat(outbox.enqueue(sms("once", "+13055550001"), clock.instant())).isFalse();
		assertThat(jdbc.sql("select count(*) from notification where idempotency_key = 'once'").query(Integer.class).single())
			.isEqualTo(1);
	}

	@Test
	void transientFailureWaitsForItsBackoffThenSucceedsOnce() {
		String to = "+13055550002";
		twilio.stubFor(to(to).willReturn(aResponse().withStatus(503)));
		outbox.enqueue(sms("transient", to), clock.instant());

		dispatcher.dispatchDue();
		assertThat(status("transient")).isEqualTo("PENDING");
		int afterFirst = requests(to);
		assertThat(afterFirst).isPositive();

		dispatcher.dispatchDue();
		assertThat(requests(to)).as("not retried before its backoff").isEqualTo(afterFirst);

		twilio.stubFor(to(to).willReturn(created()));
		clock.advance(Duration.ofSeconds(31));
		dispatcher.dispatchDue();
		assertThat(status("transient")).isEqualTo("SENT");
		int afterSuccess = requests(to);

		clock.advance(Duration.ofHours(1));
		dispatcher.dispatchDue();
		assertThat(requests(to)).as("never sent again once accepted").isEqualTo(afterSuccess);
	}

	@Test
	void permanentErrorIsNotRetried() {
		String to = "+13055550003";
		twilio.stubFor(to(to).willReturn(error(21211, "The 'To' number is not a valid phone number.")));
		outbox.enqueue(sms("permanent", to), clock.instant());

		dispatcher.dispatchDue();
		clock.advance(Duration.ofHours(2));
		dispatcher.dispatchDue();

		assertThat(status("permanent")).isEqualTo("FAILED");
		assertThat(requests(to)).isEqualTo(1);
	}

	@Test
	void optedOutNumberStopsEverythingQueuedForIt() {
		String to = "+13055550004";
		twilio.stubFor(to(to).willReturn(error(21610, "Attempt to send to unsubscribed recipient")));
		outbox.enqueue(sms("opted-out-1", to), clock.instant());
		outbox.enqueue(sms("opted-out-2", to), clock.instant().plusSeconds(3600));

		dispatcher.dispatchDue();
		clock.advance(Duration.ofHours(2));
		dispatcher.dispatchDue();

		assertThat(status("opted-out-1")).isEqualTo("FAILED");
		assertThat(status("opted-out-2")).isEqualTo("FAILED");
		assertThat(requests(to)).isEqualTo(1);
	}

	@Test
	void givesUpAfterTheMaximumNumberOfAttempts() {
		String to = "+13055550005";
		twilio.stubFor(to(to).willReturn(aResponse().withStatus(503)));
		outbox.enqueue(sms("exhausted", to), clock.instant());
		for (int i = 0; i < 5; i++) {
			dispatcher.dispatchDue();
			clock.advance(Duration.ofHours(1));
		}
		assertThat(status("exhausted")).isEqualTo("FAILED");
		assertThat(jdbc.sql("select attempts from notification where idempotency_key = 'exhausted'").query(Integer.class)
			.single()).isEqualTo(3);
	}

	@Test
	void messageClaimedByASenderThatDiedBeforeHandingItOverIsSimplySent() {
		String to = "+13055550006";
		twilio.stubFor(to(to).willReturn(created()));
		outbox.enqueue(sms("claimed-then-died", to), clock.instant());
		// A sender claimed it and its process died before the hand-over began.
		assertThat(outbox.claim(Channel.SMS, 10, clock.instant(), clock.instant().plus(Duration.ofMinutes(5))))
			.extracting(OutboxMessage::idempotencyKey).contains("claimed-then-died");
		dispatcher.dispatchDue();
		assertThat(status("claimed-then-died")).as("leased to the dead sender").isEqualTo("CLAIMED");

		clock.advance(Duration.ofMinutes(6));
		dispatcher.recover();
		dispatcher.dispatchDue();

		assertThat(status("claimed-then-died")).isEqualTo("SENT");
		assertThat(requests(to)).isOne();
	}

	@Test
	void smsInterruptedMidHandOverIsNotResentWhileTheProviderCannotSay() {
		String to = "+13055550008";
		twilio.stubFor(to(to).willReturn(created()));
		outbox.enqueue(sms("interrupted", to), clock.instant());
		OutboxMessage claimed = outbox.claim(Channel.SMS, 10, clock.instant(), clock.instant().plus(Duration.ofMinutes(5)))
			.stream().filter(m -> m.idempotencyKey().equals("interrupted")).findFirst().orElseThrow();
		// The hand-over began, then the process died: Twilio may or may not have the message.
		assertThat(outbox.handingOver(claimed, clock.instant(), claimed.rendered().text())).isTrue();

		clock.advance(Duration.ofMinutes(10));
		dispatcher.recover();
		dispatcher.dispatchDue();

		assertThat(status("interrupted")).isEqualTo("UNCERTAIN");
		assertThat(requests(to)).isZero();
	}

	@Test
	void smsInterruptedMidHandOverIsSentAgainWhenTwilioHasNoRecordOfIt() {
		String to = "+13055550009";
		twilio.stubFor(to(to).willReturn(created()));
		twilio.stubFor(messagesTo(to).willReturn(messagesList()));
		interruptMidHandOver("absent-at-twilio", to);

		clock.advance(Duration.ofMinutes(10));
		dispatcher.recover();
		dispatcher.dispatchDue();

		assertThat(status("absent-at-twilio")).isEqualTo("SENT");
		assertThat(requests(to)).isOne();
	}

	@Test
	void smsInterruptedMidHandOverThatTwilioHasIsMarkedSentAndNotSentAgain() {
		String to = "+13055550010";
		twilio.stubFor(to(to).willReturn(created()));
		String text = interruptMidHandOver("present-at-twilio", to);
		String created = java.time.format.DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", java.util.Locale.US)
			.format(clock.instant().plusSeconds(1).atZone(java.time.ZoneOffset.UTC));
		twilio.stubFor(messagesTo(to).willReturn(messagesList(text, created)));

		clock.advance(Duration.ofMinutes(10));
		dispatcher.recover();
		dispatcher.dispatchDue();

		assertThat(status("present-at-twilio")).isEqualTo("SENT");
		assertThat(requests(to)).isZero();
	}

	/** Queues an SMS, claims it and begins its hand-over, as a process that then died would have; its text. */
	private String interruptMidHandOver(String key, String to) {
		outbox.enqueue(sms(key, to), clock.instant());
		OutboxMessage claimed = outbox.claim(Channel.SMS, 10, clock.instant(), clock.instant().plus(Duration.ofMinutes(5)))
			.stream().filter(m -> m.idempotencyKey().equals(key)).findFirst().orElseThrow();
		assertThat(outbox.handingOver(claimed, clock.instant(), claimed.rendered().text())).isTrue();
		return claimed.rendered().text();
	}

	private static MappingBuilder messagesTo(String number) {
		return get(urlPathMatching("/2010-04-01/Accounts/.*/Messages.json")).withQueryParam("To", equalTo(number));
	}

	/** A page of Twilio's Messages list (2010 API) holding the given body / date_created pairs. */
	private static ResponseDefinitionBuilder messagesList(String... bodyAndDate) {
		StringBuilder messages = new StringBuilder();
		for (int i = 0; i < bodyAndDate.length; i += 2) {
			messages.append(messages.isEmpty() ? "" : ",").append("""
					{"account_sid": "AC00000000000000000000000000000002", "api_version": "2010-04-01", "body": "%s",
					 "date_created": "%s", "date_sent": null, "date_updated": "%2$s", "direction": "outbound-api",
					 "from": "+13055550100", "num_segments": "1", "sid": "SM%032d", "status": "queued"}"""
				.formatted(bodyAndDate[i], bodyAndDate[i + 1], i));
		}
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
				{"messages": [%s], "next_page_uri": null, "page": 0, "page_size": 100, "start": 0, "end": 0,
				 "first_page_uri": "/2010-04-01/Accounts/AC00000000000000000000000000000002/Messages.json?Page=0",
				 "previous_page_uri": null, "uri": "/2010-04-01/Accounts/AC00000000000000000000000000000002/Messages.json"}
				""".formatted(messages));
	}

	@Test
	void aSenderThatOutlivedItsLeaseCannotUndoWhatTheSenderAfterItDid() {
		outbox.enqueue(OutboxMessage.rendered("outlived", null, Channel.EMAIL, "outlived@example.org", "confirm",
				new OutboxMessage.Rendered("Please confirm", "text", null, Map.of(), null, null)), clock.instant());
		// Sender A begins the hand-over and hangs (a stalled SMTP connection) past its lease.
		OutboxMessage hung = claimed(Channel.EMAIL, "outlived");
		assertThat(outbox.handingOver(hung, clock.instant(), null)).isTrue();
		clock.advance(Duration.ofMinutes(6));
		assertThat(outbox.recoverExpiredLeases(clock.instant())).isPositive();
		// Sender B takes it and sends it.
		OutboxMessage taken = claimed(Channel.EMAIL, "outlived");
		assertThat(outbox.handingOver(taken, clock.instant(), null)).isTrue();
		outbox.sent(taken, "<b@sunshine>", taken.rendered(), clock.instant());

		// A wakes up with a timeout, a refusal or even a success: none of it changes what B recorded.
		outbox.retry(hung, "timed out", clock.instant());
		outbox.failed(hung, "rejected");
		outbox.sent(hung, "<a@sunshine>", hung.rendered(), clock.instant());
		assertThat(outbox.handingOver(hung, clock.instant(), null)).isFalse();

		assertThat(status("outlived")).isEqualTo("SENT");
		assertThat(jdbc.sql("select provider_id from notification where idempotency_key = 'outlived'").query(String.class)
			.single()).isEqualTo("<b@sunshine>");
	}

	private OutboxMessage claimed(Channel channel, String key) {
		return outbox.claim(channel, 10, clock.instant(), clock.instant().plus(Duration.ofMinutes(5))).stream()
			.filter(m -> m.idempotencyKey().equals(key)).findFirst().orElseThrow();
	}

	@Test
	void queuedMessageSurvivesARestartAndIsSentByTheNextDispatcher() {
		String to = "+13055550007";
		twilio.stubFor(to(to).willReturn(created()));
		// Written by a process that stopped before it could send: only the row remains.
		outbox.enqueue(sms("survivor", to), clock.instant());
		OutboxDispatcher afterRestart = new OutboxDispatcher(outbox, recorder, renderer, emailSender, smsSender, properties,
				subscriptions, clock, metrics, campaignContent);
		assertThat(afterRestart.dispatchDue()).isEqualTo(1);
		assertThat(status("survivor")).isEqualTo("SENT");
	}

	@Autowired
	org.sunshine.notification.channel.EmailSender emailSender;

	@Autowired
	org.sunshine.notification.channel.SmsSender smsSender;

	@Autowired
	NotificationProperties properties;

	@Autowired
	MessageRenderer renderer;

	@Autowired
	OutboxRecorder recorder;

	@Autowired
	org.springframework.beans.factory.ObjectProvider<CampaignContent> campaignContent;

	@Autowired
	org.sunshine.subscription.Subscriptions subscriptions;

	private OutboxMessage sms(String key, String to) {
		// A confirmation request: the one kind of message a number may get before it is confirmed.
		return OutboxMessage.rendered(key, null, Channel.SMS, to, "confirm",
				OutboxMessage.Rendered.sms("City Commission special meeting " + Instant.now().toEpochMilli()));
	}

	private String status(String key) {
		return jdbc.sql("select status from notification where idempotency_key = ?").param(key).query(String.class).single();
	}

	private static MappingBuilder to(String number) {
		return post(urlPathMatching("/2010-04-01/Accounts/.*/Messages.json"))
			.withRequestBody(containing("To=" + number.replace("+", "%2B")));
	}

	private static int requests(String number) {
		return twilio.findAll(postRequestedFor(urlPathMatching("/2010-04-01/.*"))
			.withRequestBody(containing("To=" + number.replace("+", "%2B")))).size();
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created() {
		return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
			.withBody("{\"sid\": \"SM" + "1".repeat(32) + "\", \"status\": \"queued\"}");
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int code, String message) {
		return aResponse().withStatus(400).withHeader("Content-Type", "application/json")
			.withBody("{\"code\": " + code + ", \"message\": \"" + message + "\", \"status\": 400}");
	}

}
