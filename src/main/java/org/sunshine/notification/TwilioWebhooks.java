package org.sunshine.notification;

import java.util.Map;

import com.twilio.security.RequestValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.sunshine.notification.channel.ChannelProperties;
import org.sunshine.system.PublicUrl;
import org.sunshine.subscription.Subscriptions;

/**
 * What Twilio tells us: verifies {@code X-Twilio-Signature} against the public URL Twilio called, and
 * records delivery status callbacks.
 */
@Service
public class TwilioWebhooks {

	private static final Logger log = LoggerFactory.getLogger(TwilioWebhooks.class);

	private final ChannelProperties channels;

	private final PublicUrl publicUrl;

	private final JdbcClient jdbc;

	private final Subscriptions subscriptions;

	TwilioWebhooks(ChannelProperties channels, PublicUrl publicUrl, JdbcClient jdbc, Subscriptions subscriptions) {
		this.channels = channels;
		this.publicUrl = publicUrl;
		this.jdbc = jdbc;
		this.subscriptions = subscriptions;
	}

	/** True only when Twilio is configured and the signature matches {@code public-url + path} and the form. */
	public boolean verify(String path, Map<String, String> form, String signature) {
		String token = channels.sms().twilio().authToken();
		if (token == null || token.isBlank() || signature == null || signature.isBlank()) {
			return false;
		}
		String url = publicUrl.base() + path;
		return new RequestValidator(token).validate(url, form, signature);
	}

	/** Records Twilio's delivery status for a message we sent; error 21610 means the number opted out. */
	public void recordStatus(String messageSid, String status, String errorCode, String to) {
		int updated = jdbc.sql("update notification set delivery_status = ?, delivery_error = ? where provider_id = ?")
			.params(status, errorCode, messageSid).update();
		if ("21610".equals(errorCode) && to != null) {
			subscriptions.numberOptedOut(to);
		}
		log.debug("Delivery status {} for {} ({} notification)", status, messageSid, updated);
	}

}
