package org.sunshine.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.sunshine.subscription.Channel;

/**
 * A rendered message waiting in, or taken from, the outbox.
 *
 * @param ics the meeting's calendar file to attach to an email, or null
 * @param icsMethod PUBLISH or CANCEL, as in the calendar file
 * @param itemKeys the agenda items this message told its reader about
 * @param notBefore held until then (quiet hours), or null to send at once
 */
record OutboxMessage(long id, String idempotencyKey, Long subscriberId, Channel channel, String destination,
		String kind, Long meetingId, String subject, String text, String html, Map<String, String> headers,
		int attempts, String ics, String icsMethod, List<String> itemKeys, Instant notBefore) {

	OutboxMessage {
		headers = headers == null ? Map.of() : Map.copyOf(headers);
		itemKeys = itemKeys == null ? List.of() : List.copyOf(itemKeys);
	}

	static OutboxMessage email(String key, Long subscriberId, String to, String kind, Long meetingId, String subject,
			String text, String html, Map<String, String> headers) {
		return new OutboxMessage(0, key, subscriberId, Channel.EMAIL, to, kind, meetingId, subject, text, html, headers, 0,
				null, null, List.of(), null);
	}

	static OutboxMessage sms(String key, Long subscriberId, String to, String kind, Long meetingId, String text) {
		return new OutboxMessage(0, key, subscriberId, Channel.SMS, to, kind, meetingId, null, text, null, Map.of(), 0, null,
				null, List.of(), null);
	}

	OutboxMessage withCalendar(String calendar, String method) {
		return new OutboxMessage(id, idempotencyKey, subscriberId, channel, destination, kind, meetingId, subject, text, html,
				headers, attempts, calendar, method, itemKeys, notBefore);
	}

	OutboxMessage about(List<String> items) {
		return new OutboxMessage(id, idempotencyKey, subscriberId, channel, destination, kind, meetingId, subject, text, html,
				headers, attempts, ics, icsMethod, items, notBefore);
	}

	OutboxMessage heldUntil(Instant instant) {
		return new OutboxMessage(id, idempotencyKey, subscriberId, channel, destination, kind, meetingId, subject, text, html,
				headers, attempts, ics, icsMethod, itemKeys, instant);
	}

	@Override
	public String toString() {
		return "OutboxMessage[id=" + id + ", channel=" + channel + ", kind=" + kind + "]";
	}

}
