package org.sunshine.notification;

import java.util.Map;

import org.sunshine.subscription.Channel;

/** A rendered message waiting in, or taken from, the outbox. */
record OutboxMessage(long id, String idempotencyKey, Long subscriberId, Channel channel, String destination,
		String kind, Long meetingId, String subject, String text, String html, Map<String, String> headers,
		int attempts) {

	@Override
	public String toString() {
		return "OutboxMessage[id=" + id + ", channel=" + channel + ", kind=" + kind + "]";
	}

}
