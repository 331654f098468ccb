package org.sunshine.notification.channel.email;

import java.util.List;
import java.util.Properties;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

import jakarta.mail.Session;

import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.StringUtils;

/**
 * Where and as whom the pool connects; host and port may be null and -1 to use the session's properties.
 *
 * @param session the Jakarta Mail session with the socket factories in its properties
 * @param protocol {@code smtp} or {@code smtps}
 */
record SmtpServer(Session session, String protocol, String host, int port, String username, String password) {

	/**
	 * Spring Boot's mail settings ({@code spring.mail.*}, including {@code spring.mail.properties.*}), with
	 * socket factories that set TCP_NODELAY for smtp, smtps and STARTTLS.
	 */
	static SmtpServer from(JavaMailSenderImpl mailSender, SocketFactory sockets) {
		Properties properties = new Properties();
		properties.putAll(mailSender.getSession().getProperties());
		for (String prefix : List.of("mail.smtp", "mail.smtps")) {
			Object plain = properties.get(prefix + ".socketFactory");
			properties.put(prefix + ".socketFactory",
					new NoDelaySocketFactory(plain instanceof SocketFactory given ? given : sockets));
			if (properties.get(prefix + ".ssl.socketFactory") instanceof SSLSocketFactory tls) {
				properties.put(prefix + ".ssl.socketFactory", new NoDelaySocketFactory.Tls(tls));
			}
			// Waiting for the reply to QUIT only delays closing, and a dead server would keep us waiting.
			properties.putIfAbsent(prefix + ".quitwait", "false");
		}
		// As JavaMailSenderImpl does: an empty user name means no authentication.
		String username = StringUtils.hasLength(mailSender.getUsername()) ? mailSender.getUsername() : null;
		String password = (username != null) ? mailSender.getPassword() : null;
		String protocol = (mailSender.getProtocol() != null) ? mailSender.getProtocol() : "smtp";
		return new SmtpServer(Session.getInstance(properties), protocol, mailSender.getHost(),
				mailSender.getPort(), username, password);
	}

	// The generated toString would print the password.
	@Override
	public String toString() {
		return "SmtpServer[" + this.protocol + "://" + this.host + ":" + this.port + ", username="
				+ (this.username == null ? null : "set") + "]";
	}

}
