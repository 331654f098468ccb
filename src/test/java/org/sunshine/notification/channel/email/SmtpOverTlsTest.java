package org.sunshine.notification.channel.email;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.sunshine.notification.channel.SendResult;

import static org.assertj.core.api.Assertions.assertThat;

/** SMTP over TLS (smtps) keeps working with the TCP_NODELAY socket factories; GreenMail's certificate is self-signed. */
class SmtpOverTlsTest {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(Emails.ownPort(ServerSetupTest.SMTPS));

	private final RecordingSocketFactory sockets = new RecordingSocketFactory();

	@Test
	void smtpsWrapsTheNoDelaySocketInTls() throws Exception {
		JavaMailSenderImpl mailSender = smtps();
		mailSender.getJavaMailProperties().setProperty("mail.smtps.ssl.trust", "*");

		try (SmtpEmailSender sender = new SmtpEmailSender(mailSender, SmtpEmailSenderTest.settings(1, 100),
				Clock.systemUTC(), this.sockets)) {
			assertThat(sender.send(Emails.alert("alert:1", "resident@example.org")))
				.isInstanceOf(SendResult.Accepted.class);

			assertThat(this.sockets.sockets()).singleElement()
				.satisfies(socket -> assertThat(socket.getTcpNoDelay()).isTrue());
		}
		assertThat(greenMail.getReceivedMessages()).hasSize(1);
	}

	@Test
	void anSslFactoryFromTheSettingsGetsSocketsWithNoDelay() throws Exception {
		// What Spring Boot does with spring.mail.ssl.bundle: an SSLSocketFactory under mail.smtps.ssl.socketFactory.
		LayeringFactory bundle = new LayeringFactory(trustingEveryone());
		JavaMailSenderImpl mailSender = smtps();
		mailSender.getJavaMailProperties().put("mail.smtps.ssl.socketFactory", bundle);

		try (SmtpEmailSender sender = new SmtpEmailSender(mailSender, SmtpEmailSenderTest.settings(1, 100),
				Clock.systemUTC())) {
			assertThat(sender.send(Emails.alert("alert:1", "resident@example.org")))
				.isInstanceOf(SendResult.Accepted.class);
		}
		assertThat(greenMail.getReceivedMessages()).hasSize(1);
		assertThat(bundle.noDelayOfLayeredSockets).containsExactly(true);
	}

	private static JavaMailSenderImpl smtps() {
		JavaMailSenderImpl mailSender = SmtpEmailSenderTest.mailSender(greenMail.getSmtps().getPort());
		mailSender.setProtocol("smtps");
		mailSender.getJavaMailProperties().setProperty("mail.smtps.ssl.checkserveridentity", "false");
		return mailSender;
	}

	private static SSLSocketFactory trustingEveryone() throws Exception {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, new TrustManager[] { new X509TrustManager() {

			@Override
			public void checkClientTrusted(X509Certificate[] chain, String authType) {
			}

			@Override
			public void checkServerTrusted(X509Certificate[] chain, String authType) {
			}

			@Override
			public X509Certificate[] getAcceptedIssuers() {
				return new X509Certificate[0];
			}

		} }, null);
		return context.getSocketFactory();
	}

	/** Records whether the plain sockets Angus Mail asks it to wrap in TLS have TCP_NODELAY. */
	private static final class LayeringFactory extends SSLSocketFactory {

		private final SSLSocketFactory delegate;

		private final List<Boolean> noDelayOfLayeredSockets = new CopyOnWriteArrayList<>();

		LayeringFactory(SSLSocketFactory delegate) {
			this.delegate = delegate;
		}

		@Override
		public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
			this.noDelayOfLayeredSockets.add(socket.getTcpNoDelay());
			return this.delegate.createSocket(socket, host, port, autoClose);
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return this.delegate.createSocket(host, port);
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			return this.delegate.createSocket(host, port, localHost, localPort);
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return this.delegate.createSocket(host, port);
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
				throws IOException {
			return this.delegate.createSocket(address, port, localAddress, localPort);
		}

		@Override
		public String[] getDefaultCipherSuites() {
			return this.delegate.getDefaultCipherSuites();
		}

		@Override
		public String[] getSupportedCipherSuites() {
			return this.delegate.getSupportedCipherSuites();
		}

	}

}
