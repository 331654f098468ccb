package org.sunshine.notification.channel;

/** Hands an SMS to a transport: Twilio when configured, else .json files in the outbox directory. */
public interface SmsSender {

	/** A one-line description for the start-up log. */
	String describe();

	SendResult send(OutgoingSms sms);

	/**
	 * Whether the provider accepted this SMS within [from, to], for a send interrupted mid-hand-over: true when
	 * its records show it, false when they show it absent, empty when it cannot say.
	 */
	default java.util.Optional<Boolean> wasAccepted(OutgoingSms sms, java.time.Instant from, java.time.Instant to) {
		return java.util.Optional.empty();
	}

}
