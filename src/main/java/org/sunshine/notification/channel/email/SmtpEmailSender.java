package org.sunshine.notification.channel.email;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.SocketFactory;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.sunshine.notification.channel.ChannelProperties;
import org.sunshine.notification.channel.EmailSender;
import org.sunshine.notification.channel.OutgoingEmail;
import org.sunshine.notification.channel.SendResult;

/**
 * Sends email to the SMTP server Spring Boot configured from {@code spring.mail.*}, over a few pooled
 * connections that concurrent callers share (see {@link SmtpConnectionPool}), with TCP_NODELAY (see
 * {@link NoDelaySocketFactory}). Angus Mail already writes DATA through an 8 KiB buffer and flushes only
 * with the final dot, so a message leaves in a few large writes; nothing is buffered on top.
 */
public class SmtpEmailSender implements EmailSender, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SmtpEmailSender.class);

	private static final Pattern ADDRESS = Pattern.compile("<?[^\\s<>\"'(),;:]+@[^\\s<>\"'(),;:]+>?");

	private static final Pattern REPLY_CODE = Pattern.compile("\\s*([45]\\d\\d)\\b");

	/** "Service not available, closing transmission channel": how servers announce an idle timeout. */
	private static final int CLOSING = 421;

	private final MimeMessageFactory messages;

	private final SmtpConnectionPool pool;

	private final String description;

	private final JavaMailSenderImpl mailSender;

	public SmtpEmailSender(JavaMailSenderImpl mailSender, ChannelProperties.Mail settings, Clock clock) {
		this(mailSender, settings, clock, SocketFactory.getDefault());
	}

	/** @param sockets where plain sockets come from before TCP_NODELAY is set on them */
	SmtpEmailSender(JavaMailSenderImpl mailSender, ChannelProperties.Mail settings, Clock clock,
			SocketFactory sockets) {
		this.mailSender = mailSender;
		this.messages = new MimeMessageFactory(settings.from(), clock);
		this.pool = new SmtpConnectionPool(SmtpServer.from(mailSender, sockets), settings.connections(),
				settings.messagesPerConnection(), settings.idleTimeout(), clock);
		this.description = "SMTP " + mailSender.getHost() + ":" + (mailSender.getPort() > 0 ? mailSender.getPort() : 25)
				+ " (" + settings.connections() + " connections, " + settings.messagesPerConnection() + " messages each)";
	}

	/** Connects and says hello, as a message would, outside the pool so no sender waits for it. */
	@Override
	public void check() throws jakarta.mail.MessagingException {
		this.mailSender.testConnection();
	}

	@Override
	public String describe() {
		return this.description;
	}

	@Override
	public SendResult send(OutgoingEmail email) {
		return StreamProviderShortcut.run(() -> sendNow(email));
	}

	private SendResult sendNow(OutgoingEmail email) {
		SendResult result;
		try {
			MimeMessage message = this.messages.create(email, this.pool.serverAnnouncesEightBitMime());
			result = deliver(email, message, MimeMessageFactory.messageId(email.messageKey()));
		}
		catch (MessagingException ex) {
			// Building failed: an address that does not parse will not parse next time either.
			result = new SendResult.Rejected(ex instanceof AddressException ? "invalid-address" : "invalid-message",
					redact(ex.getMessage()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			result = new SendResult.RetryLater("interrupted while waiting for an SMTP connection", null);
		}
		if (!(result instanceof SendResult.Accepted)) {
			log.warn("Email {} not sent: {}", email.messageKey(), result);
		}
		return result;
	}

	/** Closes the pooled connections (Spring calls it when the context stops). */
	@Override
	public void close() {
		this.pool.close();
	}

	/** Closes connections idle longer than {@code sunshine.mail.idle-timeout}; a timer calls it too. */
	void closeIdleConnections() {
		this.pool.closeIdle();
	}

	private SendResult deliver(OutgoingEmail email, MimeMessage message, String messageId) throws InterruptedException {
		try {
			SmtpConnectionPool.Connection connection = this.pool.borrow();
			Exception failure = write(connection, email, message);
			if (failure != null && connection.reused() && connectionLost(failure)) {
				// A pooled connection the server dropped while it sat idle (a restart, or an idle timeout
				// announced with 421) fails at its first command. Sending once more on a new connection is
				// no riskier than the outbox's own retry of a RetryLater, only sooner.
				failure = write(this.pool.borrowNew(), email, message);
			}
			return (failure == null) ? new SendResult.Accepted(messageId) : classify(failure);
		}
		catch (MessagingException ex) {
			// Connecting failed: refused, timed out, TLS or credentials.
			return classify(ex);
		}
	}

	/**
	 * Writes the message on the connection and gives the connection back; the failure, or null. A message with
	 * 8-bit parts goes to a server that did not announce 8BITMIME on this connection built again with 7-bit
	 * encodings (the server changed since the message was built).
	 */
	private Exception write(SmtpConnectionPool.Connection connection, OutgoingEmail email, MimeMessage built) {
		try {
			MimeMessage message = MimeMessageFactory.isEightBit(built) && !connection.eightBitMime()
					? this.messages.create(email, false) : built;
			connection.transport().sendMessage(message, message.getAllRecipients());
		}
		catch (MessagingException | RuntimeException ex) {
			this.pool.discard(connection);
			return ex;
		}
		this.pool.release(connection);
		return null;
	}

	/** No SMTP reply said what went wrong (EOF, reset, not connected), or the reply was 421. */
	private static boolean connectionLost(Exception ex) {
		List<Throwable> causes = causes(ex);
		for (Throwable cause : causes) {
			int code = replyCode(cause);
			if (code != -1) {
				return code == CLOSING;
			}
		}
		return true;
	}

	/**
	 * A 5xx reply to the recipient or the content is permanent; 4xx replies, lost connections and timeouts
	 * may pass. Refused credentials need an admin, so they wait rather than drop mail.
	 */
	static SendResult classify(Exception ex) {
		if (ex instanceof MailAuthenticationException || ex instanceof AuthenticationFailedException) {
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
	 * it there also finds it in the copies Spring wraps.
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
	private static List<Throwable> causes(Exception ex) {
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
