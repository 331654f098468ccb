package org.sunshine.notification.channel;

/**
 * One rendered SMS ready for a transport.
 *
 * @param messageKey the outbox idempotency key
 * @param to recipient number in E.164 form (+13055551234)
 * @param body the text, at most two segments
 */
public record OutgoingSms(String messageKey, String to, String body) {
}
