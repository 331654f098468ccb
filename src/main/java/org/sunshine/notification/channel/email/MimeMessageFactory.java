package org.sunshine.notification.channel.email;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;

import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.sunshine.notification.channel.OutboxFiles;
import org.sunshine.notification.channel.OutgoingEmail;

/**
 * Builds the one MIME form of an {@link OutgoingEmail} that both the SMTP and the .eml transport send. The
 * message is complete when it leaves here ({@code saveChanges} done once): the SMTP transport writes it as
 * is, so concurrent senders build their messages in parallel and hold a connection only to write one.
 */
final class MimeMessageFactory {

	/** RFC 5322 date-time with a numeric zone, always in English. */
	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US)
		.withZone(ZoneOffset.UTC);

	private final String from;

	private final Clock clock;

	private final Session session = Session.getInstance(new Properties());

	MimeMessageFactory(String from, Clock clock) {
		this.from = from;
		this.clock = clock;
	}

	MimeMessage create(OutgoingEmail email) throws MessagingException {
		MimeMessage message = new KeyedMimeMessage(this.session, messageId(email.messageKey()));
		MimeMessageHelper helper = new SharedFileTypesHelper(message);
		helper.setFrom(this.from);
		helper.setTo(email.to());
		helper.setSubject(email.subject());
		// Written with java.time: Jakarta Mail's MailDateFormat took a tenth of the time to build a message.
		message.setHeader("Date", DATE.format(this.clock.instant()));
		if (email.html() == null) {
			helper.setText(email.text(), false);
		}
		else {
			helper.setText(email.text(), email.html());
		}
		for (Map.Entry<String, String> header : email.headers().entrySet()) {
			// Folding keeps long List-Unsubscribe values within the 998-octet line limit.
			message.setHeader(header.getKey(), MimeUtility.fold(header.getKey().length() + 2, header.getValue()));
		}
		for (OutgoingEmail.Attachment attachment : email.attachments()) {
			// The DataSource carries the full content type, so parameters such as method=PUBLISH survive.
			helper.addAttachment(attachment.filename(),
					new ByteArrayDataSource(attachment.content(), attachment.contentType()));
		}
		presetEncodings(helper.getRootMimeMultipart());
		message.saveChanges();
		return message;
	}

	/**
	 * Names each part's transfer encoding from what we know it holds, so that saveChanges need not find out by
	 * writing every part once more through a scanning stream (it took a fifth of the time to build a message).
	 * Text that is all ASCII in short lines goes as 7bit, anything else as quoted-printable, as Jakarta Mail
	 * itself would choose for mostly-ASCII text.
	 */
	private static void presetEncodings(MimeMultipart multipart) throws MessagingException {
		for (int i = 0; i < multipart.getCount(); i++) {
			MimeBodyPart part = (MimeBodyPart) multipart.getBodyPart(i);
			Object content = part.getDataHandler().getDataSource() instanceof ByteArrayDataSource bytes ? bytes
					: contentOf(part);
			if (content instanceof MimeMultipart nested) {
				presetEncodings(nested);
			}
			else if (content instanceof String text) {
				part.setHeader("Content-Transfer-Encoding", isSevenBit(text) ? "7bit" : "quoted-printable");
			}
			else if (content instanceof ByteArrayDataSource attachment) {
				part.setHeader("Content-Transfer-Encoding", isSevenBit(attachment) ? "7bit" : "quoted-printable");
			}
		}
	}

	/** What a part was given (a String for text, a multipart); null leaves the choice to Jakarta Mail. */
	private static Object contentOf(MimeBodyPart part) throws MessagingException {
		try {
			return part.getContent();
		}
		catch (IOException e) {
			return null;
		}
	}

	private static boolean isSevenBit(ByteArrayDataSource source) {
		try (var in = source.getInputStream()) {
			return isSevenBit(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
		}
		catch (IOException e) {
			return false;
		}
	}

	/** ASCII without NULs or bare CRs, in lines of at most 998 octets (RFC 5322). */
	static boolean isSevenBit(CharSequence text) {
		int line = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 128 || c == 0 || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
				return false;
			}
			line = c == '\n' ? 0 : line + 1;
			if (line > 998) {
				return false;
			}
		}
		return true;
	}

	/** {@code <sha256(messageKey)@sunshine>}: a re-send of the same notification carries the same id. */
	static String messageId(String messageKey) {
		return "<" + OutboxFiles.sha256Hex(messageKey) + "@sunshine>";
	}

	/**
	 * A MimeMessageHelper that does not build its own file type map: the default one parses Spring's
	 * mime.types and searches the class path for more, which took most of the time to build a message.
	 */
	private static final class SharedFileTypesHelper extends MimeMessageHelper {

		private static final FileTypeMap FILE_TYPES = fileTypes();

		SharedFileTypesHelper(MimeMessage message) throws MessagingException {
			super(message, true, "UTF-8");
		}

		@Override
		protected FileTypeMap getDefaultFileTypeMap(MimeMessage message) {
			return FILE_TYPES;
		}

		private static FileTypeMap fileTypes() {
			ConfigurableMimeFileTypeMap fileTypes = new ConfigurableMimeFileTypeMap();
			fileTypes.afterPropertiesSet();
			return fileTypes;
		}

	}

	/** Jakarta Mail would otherwise give every saveChanges() a fresh random Message-ID. */
	private static final class KeyedMimeMessage extends MimeMessage {

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
