package org.sunshine.notification.channel;

import java.time.Instant;
import java.util.Optional;

/** Hands an SMS to a transport: Twilio when configured, else .json files in the outbox directory. */
public interface SmsSender {

	/** A one-line description for the start-up log. */
	String describe();

	/**
	 * Hands the message over. May block until the sender's rate allows another message, so callers on
	 * several threads together never exceed it.
	 */
	SendResult send(OutgoingSms sms);

	/**
	 * For health checks: throws, saying why, when the transport cannot take a message now. Twilio is not asked
	 * (each probe would be an API call); how its sends go shows in the outbox instead.
	 */
	default void check() throws Exception {
	}

	/**
	 * Asks the provider whether it accepted this message, for a send interrupted mid-hand-over. The window
	 * is compared with the provider's clock, so widen it by the clock difference you allow.
	 * @param from when the interrupted attempt began
	 * @param to when it may have ended
	 * @return true when the provider has the message, false when it can tell and has not, empty when it
	 * cannot tell (an error, or more history than this method reads)
	 */
	default Optional<Boolean> wasAccepted(OutgoingSms sms, Instant from, Instant to) {
		return Optional.empty();
	}

}
