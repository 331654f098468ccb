package org.sunshine.notification.channel;

import java.util.List;
import java.util.Map;

/**
 * One rendered email ready for a transport.
 *
 * @param messageKey the outbox idempotency key; transports derive the Message-ID from it so a resend
 *        of the same notification is recognisable as the same message
 * @param to recipient address
 * @param subject subject line
 * @param text plain-text body
 * @param html HTML body
 * @param headers extra headers (List-Unsubscribe, List-Unsubscribe-Post)
 * @param attachments attachments such as the meeting's .ics
 */
public record OutgoingEmail(String messageKey, String to, String subject, String text, String html,
		Map<String, String> headers, List<Attachment> attachments) {

	public OutgoingEmail {
		headers = headers == null ? Map.of() : Map.copyOf(headers);
		attachments = attachments == null ? List.of() : List.copyOf(attachments);
	}

	/** A file attached to the email; {@code contentType} may carry parameters ("text/calendar; method=PUBLISH"). */
	public record Attachment(String filename, String contentType, byte[] content) {
	}

}
