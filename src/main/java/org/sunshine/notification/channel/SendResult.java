package org.sunshine.notification.channel;

import java.time.Duration;

/** What a provider said to one send attempt. */
public sealed interface SendResult {

	/** The provider took the message; {@code providerId} is its id for it (Message-ID, Twilio SID, file name). */
	record Accepted(String providerId) implements SendResult {
	}

	/** A failure worth retrying (timeout, 429, 5xx); {@code after} is the provider's hint, or null. */
	record RetryLater(String reason, Duration after) implements SendResult {
	}

	/** A failure that will not get better by retrying (invalid number, opted out, bad address). */
	record Rejected(String code, String reason) implements SendResult {

		/** Twilio 21610: the recipient texted STOP to our sender; nothing may go to them until START. */
		public boolean optedOut() {
			return "21610".equals(code);
		}

	}

}
