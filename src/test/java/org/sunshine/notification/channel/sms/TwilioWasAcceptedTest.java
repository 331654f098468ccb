package org.sunshine.notification.channel.sms;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.sunshine.notification.channel.OutgoingSms;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.sunshine.notification.channel.sms.TwilioSmsSenderTest.FROM;
import static org.sunshine.notification.channel.sms.TwilioSmsSenderTest.MESSAGES;
import static org.sunshine.notification.channel.sms.TwilioSmsSenderTest.SID;
import static org.sunshine.notification.channel.sms.TwilioSmsSenderTest.TO;

/**
 * Asking Twilio whether an interrupted send went through: the Messages list (2010 API page format, as the
 * SDK's reader parses it) served by WireMock.
 */
@ExtendWith(OutputCaptureExtension.class)
class TwilioWasAcceptedTest {

	@RegisterExtension
	static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final String SERVICE = "MG0123456789abcdef0123456789abcdef";

	private final OutgoingSms sms = new OutgoingSms("alert:42:sub:7", TO,
			"Key West City Commission, Tue, Jul 8, 5:00 PM EDT: item 4.2 Pier. Reply STOP to end");

	// The attempt that was interrupted.
	private final Instant from = Instant.parse("2025-07-08T13:05:00.400Z");

	private final Instant to = Instant.parse("2025-07-08T13:10:00Z");

	@Test
	void findsAMessageTwilioStillQueues() {
		serve(null, page(null, message("SM1", "Another alert", "Tue, 08 Jul 2025 13:04:00 +0000", null),
				message("SM2", this.sms.body(), "Tue, 08 Jul 2025 13:05:00 +0000", null)));

		assertThat(sender(null).wasAccepted(this.sms, this.from, this.to)).contains(true);
		// No DateSent filter: a message Twilio still queues has no date_sent.
		twilio.verify(1, getRequestedFor(urlPathEqualTo(MESSAGES)).withQueryParam("To", equalTo(TO))
			.withQueryParam("From", equalTo(FROM))
			.withQueryParam("DateSent>", absent())
			.withQueryParam("DateSent<", absent()));
	}

	@Test
	void aListWithoutItSaysNo() {
		serve(null, page(null, message("SM1", "Another alert", "Tue, 08 Jul 2025 13:06:00 +0000", null)));

		assertThat(sender(null).wasAccepted(this.sms, this.from, this.to)).contains(false);
	}

	@Test
	void theSameTextOutsideTheWindowIsAnotherMessage() {
		serve(null, page(null, message("SM1", this.sms.body(), "Mon, 07 Jul 2025 13:05:09 +0000", null),
				message("SM2", this.sms.body(), "Tue, 08 Jul 2025 13:10:01 +0000", null)));

		assertThat(sender(null).wasAccepted(this.sms, this.from, this.to)).contains(false);
	}

	@Test
	void readsTheFollowingPagesThroughTheSameBaseUrl() {
		serve(null, page("1", message("SM1", "Another alert", "Tue, 08 Jul 2025 13:06:00 +0000", null)));
		serve("1", page(null, message("SM2", this.sms.body(), "Tue, 08 Jul 2025 13:05:09 +0000", null)));

		assertThat(sender(null).wasAccepted(this.sms, this.from, this.to)).contains(true);
		twilio.verify(2, getRequestedFor(urlPathEqualTo(MESSAGES)));
	}

	@Test
	void aHistoryLongerThanItReadsCannotTell() {
		for (int page = 0; page < 10; page++) {
			serve(page == 0 ? null : String.valueOf(page),
					page(String.valueOf(page + 1), message("SM" + page, "Another alert",
							"Tue, 08 Jul 2025 13:06:00 +0000", null)));
		}

		assertThat(sender(null).wasAccepted(this.sms, this.from, this.to)).isEmpty();
		twilio.verify(5, getRequestedFor(urlPathEqualTo(MESSAGES)));
	}

	@Test
	void anErrorCannotTellAndLogsNoNumber(CapturedOutput output) {
		twilio.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(TwilioSmsSenderTest.error(503, 20503,
				"Service Unavailable for +13055551234")));

		assertThat(sender(null).wasAccepted(this.sms, this.from, this.to)).isEmpty();
		twilio.verify(1, getRequestedFor(urlPathEqualTo(MESSAGES)));
		assertThat(output).contains("alert:42:sub:7").doesNotContain("3055551234");
	}

	@Test
	void aMessagingServiceRecognisesOnlyItsOwnMessages() {
		serve(null, page(null, message("SM1", this.sms.body(), "Tue, 08 Jul 2025 13:05:09 +0000",
				"MGffffffffffffffffffffffffffffffff")));
		assertThat(sender(SERVICE).wasAccepted(this.sms, this.from, this.to)).contains(false);
		twilio.verify(getRequestedFor(urlPathEqualTo(MESSAGES)).withQueryParam("From", absent()));

		serve(null, page(null, message("SM2", this.sms.body(), "Tue, 08 Jul 2025 13:05:09 +0000", SERVICE)));
		assertThat(sender(SERVICE).wasAccepted(this.sms, this.from, this.to)).contains(true);
	}

	private TwilioSmsSender sender(String messagingServiceSid) {
		return new TwilioSmsSender(TwilioSmsSenderTest.settings(messagingServiceSid == null ? FROM : null,
				messagingServiceSid, twilio.baseUrl()), URI.create("https://sunshine.example.org"));
	}

	/** Serves a page of the list; {@code page} null is the first page, which carries no Page parameter. */
	private static void serve(String page, String json) {
		twilio.stubFor(get(urlPathEqualTo(MESSAGES))
			.withQueryParam("Page", page == null ? absent() : equalTo(page))
			.willReturn(json(json)));
	}

	private static ResponseDefinitionBuilder json(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
	}

	/** A page as the 2010 API lists Messages; {@code next} the number of the next page, or null. */
	private static String page(String next, String... messages) {
		String query = "To=%2B13055551234&From=%2B13055550100&PageSize=100";
		String nextUri = next == null ? "null"
				: "\"" + MESSAGES + "?" + query + "&Page=" + next + "&PageToken=PASM" + next + "\"";
		return """
				{
				  "end": %d,
				  "first_page_uri": "%s?%s&Page=0",
				  "messages": [%s],
				  "next_page_uri": %s,
				  "page": 0,
				  "page_size": 100,
				  "previous_page_uri": null,
				  "start": 0,
				  "uri": "%s?%s&Page=0"
				}
				""".formatted(messages.length - 1, MESSAGES, query, String.join(",", List.of(messages)), nextUri,
				MESSAGES, query);
	}

	private static String message(String sid, String body, String dateCreated, String messagingServiceSid) {
		return """
				{
				  "account_sid": "%1$s",
				  "api_version": "2010-04-01",
				  "body": "%2$s",
				  "date_created": "%3$s",
				  "date_sent": null,
				  "date_updated": "%3$s",
				  "direction": "outbound-api",
				  "error_code": null,
				  "error_message": null,
				  "from": %4$s,
				  "messaging_service_sid": %5$s,
				  "num_media": "0",
				  "num_segments": "1",
				  "price": null,
				  "price_unit": "USD",
				  "sid": "%6$s",
				  "status": "queued",
				  "subresource_uris": {"media": "/2010-04-01/Accounts/%1$s/Messages/%6$s/Media.json"},
				  "to": "+13055551234",
				  "uri": "/2010-04-01/Accounts/%1$s/Messages/%6$s.json"
				}
				""".formatted(SID, body, dateCreated, messagingServiceSid == null ? "\"+13055550100\"" : "null",
				messagingServiceSid == null ? "null" : "\"" + messagingServiceSid + "\"", sid);
	}

}
