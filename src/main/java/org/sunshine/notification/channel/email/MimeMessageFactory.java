package org.sunshine.notification.channel.email;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;

import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.sunshine.notification.channel.OutboxFiles;
import org.sunshine.notification.channel.OutgoingEmail;

/**
 * Builds the one MIME form of an {@link OutgoingEmail} that both the SMTP and the .eml transport send:
 * {@code multipart/mixed} (the text and HTML as {@code multipart/alternative}, then the .ics) when there is
 * an attachment, {@code multipart/alternative} when there is none. The message is complete when it leaves
 * here ({@code saveChanges} done once): the SMTP transport writes it as is, so concurrent senders build their
 * messages in parallel and hold a connection only to write one.
 * <p>
 * Each part's transfer encoding is named here from what it holds, so that {@code saveChanges} need not find
 * out by writing every part once more through a scanning stream: ASCII in short lines goes as {@code 7bit};
 * other text as {@code 8bit} for a server that announced 8BITMIME (RFC 6152, with {@code BODY=8BITMIME} on
 * MAIL FROM) and as quoted-printable otherwise. Every alert matched through an alias ("≈") and every Spanish
 * or Creole one has such text, and quoting it byte by byte was a sixth of a sender's time.
 */
final class MimeMessageFactory {

	/** RFC 5322 date-time with a numeric zone, always in English. */
	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US)
		.withZone(ZoneOffset.UTC);

	private static final String EIGHT_BIT_MIME = "BODY=8BITMIME";

	private final InternetAddress from;

	private final Clock clock;

	private final Session session = Session.getInstance(new Properties());

	MimeMessageFactory(String from, Clock clock) {
		try {
			this.from = single(from);
		}
		catch (AddressException ex) {
			throw new IllegalArgumentException("sunshine.mail.from is not an email address", ex);
		}
		this.clock = clock;
	}

	/** The message with 7-bit transfer encodings only, for any server and for .eml files. */
	MimeMessage create(OutgoingEmail email) throws MessagingException {
		return create(email, false);
	}

	/**
	 * @param eightBit whether the server it goes to announced 8BITMIME; if so, and a part is 8-bit text, the
	 *        message asks for {@code BODY=8BITMIME} (see {@link #isEightBit(MimeMessage)})
	 */
	MimeMessage create(OutgoingEmail email, boolean eightBit) throws MessagingException {
		Encodings encodings = new Encodings(eightBit);
		SMTPMessage message = new KeyedMimeMessage(this.session, messageId(email.messageKey()));
		message.setFrom(this.from);
		message.setRecipient(Message.RecipientType.TO, single(email.to()));
		message.setSubject(email.subject(), "UTF-8");
		// Written with java.time: Jakarta Mail's MailDateFormat took a tenth of the time to build a message.
		message.setHeader("Date", DATE.format(this.clock.instant()));
		for (Map.Entry<String, String> header : email.headers().entrySet()) {
			// Folding keeps long List-Unsubscribe values within the 998-octet line limit.
			message.setHeader(header.getKey(), MimeUtility.fold(header.getKey().length() + 2, header.getValue()));
		}
		if (email.attachments().isEmpty()) {
			body(message, email, encodings);
		}
		else {
			MimeMultipart mixed = new MimeMultipart("mixed");
			MimeBodyPart body = new MimeBodyPart();
			body(body, email, encodings);
			mixed.addBodyPart(body);
			for (OutgoingEmail.Attachment attachment : email.attachments()) {
				mixed.addBodyPart(attachment(attachment, encodings));
			}
			message.setContent(mixed);
		}
		if (encodings.usedEightBit) {
			message.setMailExtension(EIGHT_BIT_MIME);
		}
		message.saveChanges();
		return message;
	}

	/** Whether the message has 8-bit parts and so may go only to a server that announced 8BITMIME. */
	static boolean isEightBit(MimeMessage message) {
		return message instanceof SMTPMessage smtp && EIGHT_BIT_MIME.equals(smtp.getMailExtension());
	}

	/** The text alone, or text and HTML as alternatives. */
	private static void body(MimePart part, OutgoingEmail email, Encodings encodings) throws MessagingException {
		if (email.html() == null) {
			text(part, email.text(), "plain", encodings);
			return;
		}
		MimeBodyPart text = new MimeBodyPart();
		text(text, email.text(), "plain", encodings);
		MimeBodyPart html = new MimeBodyPart();
		text(html, email.html(), "html", encodings);
		part.setContent(new MimeMultipart("alternative", text, html));
	}

	/**
	 * Text as UTF-8 octets rather than a String: Jakarta Mail writes a String part through a writer whose stream
	 * passes each octet on by itself, through every stream below it down to the socket's buffer, and that was
	 * a quarter of a sender's time; octets from a DataSource go down in blocks.
	 */
	private static void text(MimePart part, String content, String subtype, Encodings encodings)
			throws MessagingException {
		String type = "text/" + subtype + "; charset=UTF-8";
		byte[] octets = content.getBytes(StandardCharsets.UTF_8);
		part.setDataHandler(new DataHandler(new ByteArrayDataSource(octets, type)));
		part.setHeader("Content-Type", type);
		part.setHeader("Content-Transfer-Encoding", encodings.forText(octets));
	}

	/** The DataSource carries the full content type, so parameters such as method=PUBLISH survive. */
	private static MimeBodyPart attachment(OutgoingEmail.Attachment attachment, Encodings encodings)
			throws MessagingException {
		MimeBodyPart part = new MimeBodyPart();
		part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.content(), attachment.contentType())));
		part.setFileName(attachment.filename());
		// Sunshine's text attachments (the .ics) are UTF-8: their octets are looked at only to choose the encoding.
		part.setHeader("Content-Transfer-Encoding", attachment.contentType().regionMatches(true, 0, "text/", 0, 5)
				? encodings.forText(attachment.content()) : "base64");
		return part;
	}

	/** The transfer encodings one message uses, and whether any of them is 8bit. */
	private static final class Encodings {

		private final boolean eightBitAllowed;

		private boolean usedEightBit;

		Encodings(boolean eightBitAllowed) {
			this.eightBitAllowed = eightBitAllowed;
		}

		String forText(byte[] utf8) {
			return switch (Octets.of(utf8)) {
				case SEVEN_BIT -> "7bit";
				case EIGHT_BIT -> {
					if (this.eightBitAllowed) {
						this.usedEightBit = true;
						yield "8bit";
					}
					yield "quoted-printable";
				}
				case OTHER -> "quoted-printable";
			};
		}

	}

	/**
	 * What a text's UTF-8 octets may go as, found in one pass over them: {@code 7bit} is ASCII, {@code 8bit} any
	 * octets (RFC 2045 2.7, 2.8), both without NULs or bare CRs and in lines of at most 998 octets before the CRLF.
	 * Anything else must be quoted. (Two passes over the characters, one for each question, were a tenth of a
	 * sender's time.)
	 */
	enum Octets {

		SEVEN_BIT, EIGHT_BIT, OTHER;

		private static final int MOST_PER_LINE = 998;

		static Octets of(byte[] utf8) {
			boolean high = false;
			int line = 0;
			for (int i = 0; i < utf8.length; i++) {
				byte octet = utf8[i];
				boolean crOfCrlf = octet == '\r' && i + 1 < utf8.length && utf8[i + 1] == '\n';
				if (octet == '\n') {
					line = 0;
				}
				else if (!crOfCrlf && (octet == 0 || octet == '\r' || ++line > MOST_PER_LINE)) {
					return OTHER;
				}
				high |= octet < 0;
			}
			return high ? EIGHT_BIT : SEVEN_BIT;
		}

	}

	/** {@code <sha256(messageKey)@sunshine>}: a re-send of the same notification carries the same id. */
	static String messageId(String messageKey) {
		return "<" + OutboxFiles.sha256Hex(messageKey) + "@sunshine>";
	}

	/** One address, strictly parsed, as "Name <address>" or a bare address. */
	private static InternetAddress single(String address) throws AddressException {
		InternetAddress[] parsed = InternetAddress.parse(address, true);
		if (parsed.length != 1) {
			throw new AddressException("Not exactly one address");
		}
		return parsed[0];
	}

	/** Jakarta Mail would otherwise give every saveChanges() a fresh random Message-ID. */
	private static final class KeyedMimeMessage extends SMTPMessage {

		private final String messageId;

		KeyedMimeMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", this.messageId);
		}

	}

}
