package org.sunshine.notification.channel.email;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.sunshine.notification.channel.EmailSender;
import org.sunshine.notification.channel.OutgoingEmail;
import org.sunshine.notification.channel.SendResult;

/** Sends email through the SMTP server Spring Boot configured from {@code spring.mail.*}. */
public class SmtpEmailSender implements EmailSender {

	private static final Logger log = LoggerFactory.getLogger(SmtpEmailSender.class);

	private static final Pattern ADDRESS = Pattern.compile("<?[^\\s<>\"'(),;:]+@[^\\s<>\"'(),;:]+>?");

	private static final Pattern REPLY_CODE = Pattern.compile("\\s*([45]\\d\\d)\\b");

	private final JavaMailSender mailSender;

	private final MimeMessageFactory messages;

	public SmtpEmailSender(JavaMailSender mailSender, String from) {
		this.mailSender = mailSender;
		this.messages = new MimeMessageFactory(from);
	}

	@Override
	public String describe() {
		if (this.mailSender instanceof JavaMailSenderImpl impl) {
			return "SMTP " + impl.getHost() + ":" + (impl.getPort() > 0 ? impl.getPort() : 25);
		}
		return "SMTP (" + this.mailSender.getClass().getSimpleName() + ")";
	}

	@Override
	public SendResult send(OutgoingEmail email) {
		SendResult result;
		try {
			MimeMessage message = this.messages.create(email);
			this.mailSender.send(message);
			result = new SendResult.Accepted(MimeMessageFactory.messageId(email.messageKey()));
		}
		catch (MessagingException ex) {
			// Building failed: an address that does not parse will not parse next time either.
			result = new SendResult.Rejected(ex instanceof AddressException ? "invalid-address" : "invalid-message",
					redact(ex.getMessage()));
		}
		catch (MailException ex) {
			result = classify(ex);
		}
		if (!(result instanceof SendResult.Accepted)) {
			log.warn("Email {} not sent: {}", email.messageKey(), result);
		}
		return result;
	}

	/**
	 * A 5xx reply to the recipient or the content is permanent; 4xx replies, lost connections and timeouts
	 * may pass. Refused credentials need an admin, so they wait rather than drop mail.
	 */
	static SendResult classify(MailException ex) {
		if (ex instanceof MailAuthenticationException) {
			return new SendResult.RetryLater("SMTP authentication failed; check spring.mail.username/password", null);
		}
		if (ex instanceof MailParseException) {
			return new SendResult.Rejected("invalid-message", redact(ex.getMessage()));
		}
		List<Throwable> causes = causes(ex);
		for (Throwable cause : causes) {
			int code = replyCode(cause);
			if (code >= 500) {
				return new SendResult.Rejected(String.valueOf(code), redact(cause.getMessage()));
			}
			if (code >= 400) {
				return new SendResult.RetryLater(redact(cause.getMessage()), null);
			}
		}
		for (Throwable cause : causes) {
			boolean invalidAddress = cause instanceof AddressException || (cause instanceof SendFailedException sfe
					&& sfe.getInvalidAddresses() != null && sfe.getInvalidAddresses().length > 0);
			if (invalidAddress) {
				return new SendResult.Rejected("invalid-address", redact(cause.getMessage()));
			}
		}
		return new SendResult.RetryLater(redact(describe(causes)), null);
	}

	/**
	 * The SMTP reply code of a refused command, or -1. Angus Mail's SMTPAddressFailedException and
	 * SMTPSendFailedException carry the server's reply ("550 5.1.1 User unknown") as their message; reading
	 * it there keeps the Angus implementation classes, a runtime-only dependency, out of the compile path.
	 */
	private static int replyCode(Throwable ex) {
		if (ex instanceof SendFailedException && ex.getMessage() != null) {
			Matcher matcher = REPLY_CODE.matcher(ex.getMessage());
			if (matcher.lookingAt()) {
				return Integer.parseInt(matcher.group(1));
			}
		}
		return -1;
	}

	/** Everything Spring and Jakarta Mail nest: per-message failures, causes and MessagingException chains. */
	private static List<Throwable> causes(MailException ex) {
		List<Throwable> all = new ArrayList<>();
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		List<Throwable> pending = new ArrayList<>(List.of(ex));
		if (ex instanceof MailSendException mse) {
			pending.addAll(mse.getFailedMessages().values());
		}
		while (!pending.isEmpty()) {
			Throwable next = pending.remove(0);
			if (next == null || !seen.add(next)) {
				continue;
			}
			all.add(next);
			pending.add(next.getCause());
			if (next instanceof MessagingException me) {
				pending.add(me.getNextException());
			}
		}
		return all;
	}

	/** The innermost cause says what went wrong ("ConnectException: Connection refused"). */
	private static String describe(List<Throwable> causes) {
		Throwable root = causes.get(causes.size() - 1);
		return "SMTP failed: " + root.getClass().getSimpleName()
				+ (root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse(""));
	}

	/** Server replies often quote the recipient; addresses must not reach logs or stored reasons. */
	static String redact(String text) {
		return text == null ? null : ADDRESS.matcher(text).replaceAll("<address>").strip();
	}

}
