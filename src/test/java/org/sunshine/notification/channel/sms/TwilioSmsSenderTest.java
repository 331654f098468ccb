package org.sunshine.notification.channel.sms;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.sunshine.notification.channel.ChannelProperties;
import org.sunshine.notification.channel.OutgoingSms;
import org.sunshine.notification.channel.SendResult;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** The real Twilio SDK, talking to WireMock through {@link BaseUrlHttpClient}. */
class TwilioSmsSenderTest {

	@RegisterExtension
	static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final String SID = "AC0123456789abcdef0123456789abcdef";

	static final String TOKEN = "test-auth-token";

	static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";

	static final String TO = "+13055551234";

	static final String FROM = "+13055550100";

	private final OutgoingSms sms = new OutgoingSms("alert:42:sub:7", TO,
			"Key West City Commission, Tue, Jul 8, 5:00 PM EDT: Reunión, item 4.2 Pier. sunshine.example.org/m/1");

	@Test
	void postsTheMessageWithBasicAuthAndReturnsItsSid() {
		twilio.stubFor(post(MESSAGES).willReturn(created()));

		SendResult result = sender(FROM, null).send(this.sms);

		assertThat(result).isEqualTo(new SendResult.Accepted("SM1f0e8ae6ade43cb3c0ce4525424e404f"));
		String basic = Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.US_ASCII));
		twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withHeader("Authorization", equalTo("Basic " + basic))
			.withFormParam("To", equalTo(TO))
			.withFormParam("From", equalTo(FROM))
			.withFormParam("Body", equalTo(this.sms.body()))
			.withFormParam("StatusCallback", equalTo("https://sunshine.example.org/webhooks/twilio/status"))
			.withoutFormParam("MessagingServiceSid"));
	}

	@Test
	void aMessagingServiceReplacesTheSenderNumber() {
		twilio.stubFor(post(MESSAGES).willReturn(created()));

		SendResult result = sender(null, "MG0123456789abcdef0123456789abcdef").send(this.sms);

		assertThat(result).isInstanceOf(SendResult.Accepted.class);
		twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
			.withFormParam("MessagingServiceSid", equalTo("MG0123456789abcdef0123456789abcdef"))
			.withoutFormParam("From"));
	}

	@Test
	void keepsAPathPrefixOfTheBaseUrl() {
		twilio.stubFor(post("/twilio" + MESSAGES).willReturn(created()));
		ChannelProperties.Twilio settings = settings(FROM, null, twilio.baseUrl() + "/twilio/");

		assertThat(new TwilioSmsSender(settings, URI.create("https://sunshine.example.org")).send(this.sms))
			.isInstanceOf(SendResult.Accepted.class);
	}

	@Test
	void anOptedOutRecipientIsRejectedForGood() {
		twilio.stubFor(post(MESSAGES).willReturn(error(400, 21610, "Attempt to send to unsubscribed recipient")));

		SendResult result = sender(FROM, null).send(this.sms);

		assertThat(result).isInstanceOfSatisfying(SendResult.Rejected.class,
				rejected -> assertThat(rejected.optedOut()).isTrue());
	}

	@Test
	void anInvalidNumberIsRejectedWithoutRepeatingTheNumber() {
		twilio.stubFor(post(MESSAGES)
			.willReturn(error(400, 21211, "The 'To' number +13055551234 is not a valid phone number.")));

		SendResult result = sender(FROM, null).send(this.sms);

		assertThat(result).isInstanceOfSatisfying(SendResult.Rejected.class, rejected -> {
			assertThat(rejected.code()).isEqualTo("21211");
			assertThat(rejected.optedOut()).isFalse();
			assertThat(rejected.reason()).startsWith("The 'To' number").doesNotContain("3055551234");
		});
	}

	@Test
	void aSingle429IsAnsweredWithRetryLaterAndTheServersHintWithoutAHiddenRepeat() {
		failOnceThenSucceed(error(429, 20429, "Too Many Requests").withHeader("Retry-After", "7"));

		SendResult result = sender(FROM, null).send(this.sms);

		assertThat(result).isEqualTo(new SendResult.RetryLater("Twilio rate limit: Too Many Requests",
				Duration.ofSeconds(7)));
		assertThat(twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES)))).hasSize(1);
	}

	@Test
	void aSingleServerErrorIsAnsweredWithRetryLaterWithoutAHiddenRepeat() {
		failOnceThenSucceed(error(503, 20503, "Service Unavailable"));

		SendResult result = sender(FROM, null).send(this.sms);

		assertThat(result).isInstanceOfSatisfying(SendResult.RetryLater.class,
				retry -> assertThat(retry.reason()).contains("Service Unavailable"));
		assertThat(twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES)))).hasSize(1);
	}

	@Test
	void aServerErrorPassesOnItsRetryAfter() {
		failOnceThenSucceed(error(500, 20500, "Internal Server Error").withHeader("Retry-After", "120"));

		SendResult result = sender(FROM, null).send(this.sms);

		assertThat(result).isInstanceOfSatisfying(SendResult.RetryLater.class,
				retry -> assertThat(retry.after()).isEqualTo(Duration.ofMinutes(2)));
		assertThat(twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES)))).hasSize(1);
	}

	@Test
	void badCredentialsWaitForAnAdmin() {
		twilio.stubFor(post(MESSAGES).willReturn(error(401, 20003, "Authenticate")));

		SendResult result = sender(FROM, null).send(this.sms);

		assertThat(result).isInstanceOfSatisfying(SendResult.RetryLater.class,
				retry -> assertThat(retry.reason()).contains("20003").doesNotContain(TOKEN));
	}

	@Test
	void anUnreachableApiMeansRetryLater() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		ChannelProperties.Twilio settings = settings(FROM, null, "http://localhost:" + closedPort);

		assertThat(new TwilioSmsSender(settings, URI.create("http://localhost:8080")).send(this.sms))
			.isInstanceOf(SendResult.RetryLater.class);
	}

	@Test
	void describesTheAccountMasked() {
		assertThat(sender(FROM, null).describe())
			.isEqualTo("Twilio (account AC0123…, via " + twilio.baseUrl() + ")")
			.doesNotContain(TOKEN);
	}

	private TwilioSmsSender sender(String from, String messagingServiceSid) {
		return new TwilioSmsSender(settings(from, messagingServiceSid, twilio.baseUrl()),
				URI.create("https://sunshine.example.org/"));
	}

	/** A rate high enough that pacing, tested on its own, does not show here. */
	static ChannelProperties.Twilio settings(String from, String messagingServiceSid, String baseUrl) {
		return new ChannelProperties.Twilio(SID, TOKEN, from, messagingServiceSid, URI.create(baseUrl), 1000);
	}

	/** A repeat hidden in the client would get the success and hide the failure. */
	private void failOnceThenSucceed(ResponseDefinitionBuilder failure) {
		twilio.stubFor(post(MESSAGES).inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(failure)
			.willSetStateTo("failed once"));
		twilio.stubFor(post(MESSAGES).inScenario("flaky").whenScenarioStateIs("failed once").willReturn(created()));
	}

	static ResponseDefinitionBuilder error(int status, int code,
			String message) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("""
					{"code": %d, "message": "%s", "more_info": "https://www.twilio.com/docs/errors/%d", "status": %d}
					""".formatted(code, message, code, status));
	}

	static ResponseDefinitionBuilder created() {
		return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
				{
				  "account_sid": "%1$s",
				  "api_version": "2010-04-01",
				  "body": "Key West City Commission, Tue, Jul 8, 5:00 PM EDT: Reunión, item 4.2 Pier. sunshine.example.org/m/1",
				  "date_created": "Tue, 01 Jul 2025 16:00:00 +0000",
				  "date_sent": null,
				  "date_updated": "Tue, 01 Jul 2025 16:00:00 +0000",
				  "direction": "outbound-api",
				  "error_code": null,
				  "error_message": null,
				  "from": "+13055550100",
				  "messaging_service_sid": null,
				  "num_media": "0",
				  "num_segments": "2",
				  "price": null,
				  "price_unit": "USD",
				  "sid": "SM1f0e8ae6ade43cb3c0ce4525424e404f",
				  "status": "queued",
				  "subresource_uris": {
				    "media": "/2010-04-01/Accounts/%1$s/Messages/SM1f0e8ae6ade43cb3c0ce4525424e404f/Media.json"
				  },
				  "to": "+13055551234",
				  "uri": "/2010-04-01/Accounts/%1$s/Messages/SM1f0e8ae6ade43cb3c0ce4525424e404f.json"
				}
				""".formatted(SID));
	}

}
