package org.sunshine.notification.channel.email;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.sunshine.notification.channel.EmailSender;
import org.sunshine.notification.channel.OutgoingEmail;
import org.sunshine.notification.channel.OutboxFiles;
import org.sunshine.notification.channel.SendResult;

/** The embedded default: writes each email as an .eml file that any mail client opens. */
public class EmlFileEmailSender implements EmailSender {

	private static final Logger log = LoggerFactory.getLogger(EmlFileEmailSender.class);

	private final Path directory;

	private final MimeMessageFactory messages;

	private final Clock clock;

	public EmlFileEmailSender(Path outboxDir, String from, Clock clock) {
		this.directory = outboxDir.resolve("email");
		this.messages = new MimeMessageFactory(from, clock);
		this.clock = clock;
	}

	@Override
	public void check() throws java.io.IOException {
		OutboxFiles.requireWritable(this.directory);
	}

	@Override
	public String describe() {
		return "writing .eml files to " + this.directory;
	}

	@Override
	public SendResult send(OutgoingEmail email) {
		return StreamProviderShortcut.run(() -> sendNow(email));
	}

	private SendResult sendNow(OutgoingEmail email) {
		MimeMessage message;
		try {
			message = this.messages.create(email);
		}
		catch (MessagingException ex) {
			return new SendResult.Rejected("invalid-message", SmtpEmailSender.redact(ex.getMessage()));
		}
		try {
			Path file = OutboxFiles.writeAtomically(this.directory,
					OutboxFiles.fileName(this.clock, email.messageKey(), ".eml"), out -> writeTo(message, out));
			return new SendResult.Accepted(file.getFileName().toString());
		}
		catch (IOException ex) {
			log.warn("Email {} not written to {}: {}", email.messageKey(), this.directory, ex.toString());
			return new SendResult.RetryLater("cannot write to " + this.directory + ": " + ex.getMessage(), null);
		}
	}

	private static void writeTo(MimeMessage message, OutputStream out) throws IOException {
		try {
			message.writeTo(out);
		}
		catch (MessagingException ex) {
			throw new IOException(ex);
		}
	}

}
