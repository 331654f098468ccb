package org.sunshine.notification.channel.sms;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.InvalidRequestException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.StringUtils;
import org.sunshine.notification.channel.ChannelProperties;
import org.sunshine.notification.channel.OutgoingSms;
import org.sunshine.notification.channel.SendResult;
import org.sunshine.notification.channel.SmsSender;

/** Sends SMS through the Twilio Messages API, with its own client (no global {@code Twilio.init}). */
public class TwilioSmsSender implements SmsSender {

	private static final Logger log = LoggerFactory.getLogger(TwilioSmsSender.class);

	/** Opted out, invalid number, not a mobile, no permission for the region, unreachable carrier. */
	private static final Set<Integer> PERMANENT = Set.of(21610, 21211, 21614, 21408, 21612);

	private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ().-]{6,}\\d");

	private final ChannelProperties.Twilio settings;

	private final URI statusCallback;

	private final BaseUrlHttpClient httpClient;

	private final TwilioRestClient client;

	public TwilioSmsSender(ChannelProperties.Twilio settings, URI publicUrl) {
		this.settings = settings;
		String base = publicUrl.toString().replaceFirst("/+$", "");
		this.statusCallback = URI.create(base + "/webhooks/twilio/status");
		this.httpClient = new BaseUrlHttpClient(settings.apiBaseUrl());
		this.client = new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
			.httpClient(this.httpClient)
			.build();
	}

	@Override
	public String describe() {
		return "Twilio (account " + this.settings.maskedAccountSid() + ", via " + this.settings.apiBaseUrl() + ")";
	}

	@Override
	public SendResult send(OutgoingSms sms) {
		this.httpClient.forgetLastResponse();
		SendResult result;
		try {
			Message message = creator(sms).setStatusCallback(this.statusCallback).create(this.client);
			result = new SendResult.Accepted(message.getSid());
		}
		catch (ApiConnectionException ex) {
			result = new SendResult.RetryLater("Twilio unreachable: " + redact(ex.getMessage()), null);
		}
		catch (ApiException ex) {
			result = classify(ex, this.httpClient.lastResponse());
		}
		catch (InvalidRequestException ex) {
			// The SDK refused to build the request: this message's parameters will not improve.
			result = new SendResult.Rejected("invalid-request", redact(ex.getMessage()));
		}
		catch (TwilioException ex) {
			result = new SendResult.RetryLater("Twilio client failed: " + redact(ex.getMessage()), null);
		}
		if (!(result instanceof SendResult.Accepted)) {
			log.warn("SMS {} not sent: {}", sms.messageKey(), result);
		}
		return result;
	}

	private MessageCreator creator(OutgoingSms sms) {
		PhoneNumber to = new PhoneNumber(sms.to());
		// A messaging service picks the sender itself (number pool, sticky sender), so it wins over "from".
		if (StringUtils.hasText(this.settings.messagingServiceSid())) {
			return Message.creator(to, this.settings.messagingServiceSid(), sms.body());
		}
		return Message.creator(to, new PhoneNumber(this.settings.from()), sms.body());
	}

	/**
	 * Known recipient errors are permanent. Everything about load, Twilio's health or our credentials may
	 * change without touching the message, so it waits: 429/20429, 5xx, network errors, and 401/20003,
	 * which an admin must fix. Any other 4xx is a problem with this message and is rejected.
	 */
	static SendResult classify(ApiException ex, BaseUrlHttpClient.LastResponse last) {
		Integer code = ex.getCode();
		// The status in the exception comes from the error body; the HTTP status is the fallback.
		Integer status = ex.getStatusCode() != null ? ex.getStatusCode() : (last == null ? null : last.status());
		Duration retryAfter = last == null ? null : last.retryAfter();
		String reason = redact(ex.getMessage());
		if (code != null && PERMANENT.contains(code)) {
			return new SendResult.Rejected(String.valueOf(code), reason);
		}
		if (isCode(code, 20003) || isCode(status, 401)) {
			return new SendResult.RetryLater("Twilio refused the credentials (20003); fix sunshine.sms.twilio.*",
					null);
		}
		if (isCode(code, 20429) || isCode(status, 429)) {
			return new SendResult.RetryLater("Twilio rate limit: " + reason, retryAfter);
		}
		if (status == null || status >= 500 || ex.getCause() instanceof IOException) {
			// No status means no answer at all: the SDK wraps connect and read failures in ApiException.
			return new SendResult.RetryLater("Twilio failed: " + reason, retryAfter);
		}
		return new SendResult.Rejected(code == null ? String.valueOf(status) : String.valueOf(code), reason);
	}

	private static boolean isCode(Integer value, int expected) {
		return value != null && value == expected;
	}

	/** Twilio's messages quote the numbers ("The 'To' number +1305… is not valid"); keep them out of logs. */
	static String redact(String text) {
		return text == null ? null : PHONE.matcher(text).replaceAll("<number>");
	}

}
