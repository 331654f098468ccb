package org.sunshine.notification.channel.email;

import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Properties;

import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
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
		helper.setSentDate(Date.from(this.clock.instant()));
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
		message.saveChanges();
		return message;
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
