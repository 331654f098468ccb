package org.sunshine.notification.channel;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the email and SMS channels ({@code sunshine.*}); the defaults let Sunshine run with nothing
 * else installed: mail and SMS go to files under the outbox directory.
 *
 * @param outboxDir where the file transports write .eml and .json files
 * @param mail email settings
 * @param sms SMS settings
 */
@ConfigurationProperties("sunshine")
@Validated
public record ChannelProperties(@DefaultValue("data/outbox") Path outboxDir, @DefaultValue @Valid Mail mail, @DefaultValue @Valid Sms sms) {

	/**
	 * @param from the From header of every email, e.g. {@code Sunshine <alerts@example.org>}
	 * @param connections SMTP connections kept open and used in parallel; senders beyond this wait their turn
	 * @param messagesPerConnection messages one connection carries before it is closed and a fresh one opened
	 * @param idleTimeout an SMTP connection unused this long is closed
	 */
	public record Mail(@DefaultValue("Sunshine <alerts@localhost>") String from,
			@DefaultValue("4") @Min(1) int connections, @DefaultValue("100") @Min(1) int messagesPerConnection,
			@DefaultValue("30s") Duration idleTimeout) {
	}

	/**
	 * @param twilio the Twilio account; without an account SID, SMS are written to files instead
	 */
	public record Sms(@DefaultValue @Valid Twilio twilio) {
	}

	/**
	 * @param accountSid Twilio account SID (AC…); setting it switches SMS to Twilio
	 * @param authToken the account's auth token; a secret, never printed
	 * @param from sender number in E.164 form; or use a messaging service instead
	 * @param messagingServiceSid messaging service SID (MG…); takes precedence over {@code from}
	 * @param apiBaseUrl where the Twilio REST API lives; point it at a stand-in such as WireMock for tests
	 * @param messagesPerSecond how fast the sender may send: 1 for a long code, 3 toll-free, 100 a short code
	 */
	public record Twilio(String accountSid, String authToken, String from, String messagingServiceSid,
			@DefaultValue("https://api.twilio.com") URI apiBaseUrl, @DefaultValue("1") @Positive double messagesPerSecond) {

		public boolean enabled() {
			return StringUtils.hasText(accountSid);
		}

		/** The SID shortened to its first 6 characters, enough to tell accounts apart in a log. */
		public String maskedAccountSid() {
			if (accountSid == null) {
				return null;
			}
			return accountSid.length() <= 6 ? accountSid : accountSid.substring(0, 6) + "…";
		}

		// The record's generated toString would print the auth token into logs and actuator output.
		@Override
		public String toString() {
			return "Twilio[accountSid=" + maskedAccountSid() + ", authToken="
					+ (StringUtils.hasText(authToken) ? "******" : null) + ", from=" + (from == null ? null : "set")
					+ ", messagingServiceSid=" + messagingServiceSid + ", apiBaseUrl=" + apiBaseUrl
					+ ", messagesPerSecond=" + messagesPerSecond + "]";
		}

	}

}
