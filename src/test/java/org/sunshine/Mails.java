package org.sunshine;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

/** Reads the decoded parts of a received email, as a mail client shows them. */
public final class Mails {

	private Mails() {
	}

	/** The first message addressed to {@code address}, or null. */
	/**
	 * An SMTP server setup on a port free now, kept for the whole class (a server restarted between tests comes
	 * back on the same port), instead of GreenMail's fixed 3025, which builds running side by side would share.
	 */
	public static com.icegreen.greenmail.util.ServerSetup smtpOnFreePort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return new com.icegreen.greenmail.util.ServerSetup(socket.getLocalPort(), null,
					com.icegreen.greenmail.util.ServerSetup.PROTOCOL_SMTP);
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	public static jakarta.mail.internet.MimeMessage firstTo(jakarta.mail.internet.MimeMessage[] messages, String address)
			throws Exception {
		for (jakarta.mail.internet.MimeMessage message : messages) {
			if (message.getAllRecipients()[0].toString().equals(address)) {
				return message;
			}
		}
		return null;
	}

	public static String plainText(Part part) throws Exception {
		return find(part, "text/plain");
	}

	public static String html(Part part) throws Exception {
		return find(part, "text/html");
	}

	private static String find(Part part, String type) throws Exception {
		if (part.isMimeType(type)) {
			return (String) part.getContent();
		}
		if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				String found = find(child, type);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

}
