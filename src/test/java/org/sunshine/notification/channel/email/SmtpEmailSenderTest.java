package org.sunshine.notification.channel.email;

import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.sunshine.notification.channel.ChannelProperties;
import org.sunshine.notification.channel.SendResult;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpEmailSenderTest {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(Emails.ownPort(ServerSetupTest.SMTP));

	private SmtpEmailSender sender;

	@BeforeEach
	void connectToGreenMail() {
		this.sender = new SmtpEmailSender(mailSender(greenMail.getSmtp().getPort()), settings(4, 100),
				Clock.systemUTC());
	}

	@AfterEach
	void closeConnections() {
		this.sender.close();
	}

	@Test
	void deliversMultipartTextAndHtmlWithListHeadersAndCalendar() throws Exception {
		SendResult result = this.sender.send(Emails.alert("alert:42:sub:7", "resident@example.org"));

		assertThat(result).isEqualTo(new SendResult.Accepted(MimeMessageFactory.messageId("alert:42:sub:7")));
		assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
		MimeMessage received = greenMail.getReceivedMessages()[0];
		assertThat(received.getFrom()[0].toString()).contains("alerts@sunshine.example.org");
		assertThat(received.getSubject()).isEqualTo("City Commission, Tue, Jul 8: Reunión sobre el muelle");
		assertThat(received.getHeader("List-Unsubscribe", null))
			.isEqualTo("<https://sunshine.example.org/s/tok123/unsubscribe>");
		assertThat(received.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
		assertThat((String) Emails.leaf(received, "text/plain").getContent()).contains("Item 4.2 Pier repairs");
		assertThat((String) Emails.leaf(received, "text/html").getContent()).contains("<b>Pier repairs</b>");

		Part calendar = Emails.leaf(received, "text/calendar");
		ContentType type = new ContentType(calendar.getContentType());
		assertThat(type.getParameter("method")).isEqualTo("PUBLISH");
		assertThat(calendar.getFileName()).isEqualTo("meeting.ics");
		assertThat(new String(calendar.getInputStream().readAllBytes())).contains("METHOD:PUBLISH");
	}

	@Test
	void aResendCarriesTheSameMessageId() throws Exception {
		this.sender.send(Emails.alert("alert:42:sub:7", "resident@example.org"));
		this.sender.send(Emails.alert("alert:42:sub:7", "resident@example.org"));
		this.sender.send(Emails.alert("alert:43:sub:7", "resident@example.org"));

		assertThat(greenMail.waitForIncomingEmail(5000, 3)).isTrue();
		MimeMessage[] received = greenMail.getReceivedMessages();
		assertThat(received[0].getMessageID()).isEqualTo(received[1].getMessageID())
			.matches("<[0-9a-f]{64}@sunshine>");
		assertThat(received[2].getMessageID()).isNotEqualTo(received[0].getMessageID());
	}

	@Test
	void sendsFromAThreadWhoseContextClassLoaderCannotSeeAngusMail() throws Exception {
		// StreamProviderShortcut names Angus Mail's StreamProvider; Jakarta Mail resolves it in the context loader.
		AtomicReference<SendResult> result = new AtomicReference<>();
		Thread thread = new Thread(() -> result.set(this.sender.send(Emails.alert("alert:1", "resident@example.org"))));
		thread.setContextClassLoader(new URLClassLoader(new URL[0], null));
		thread.start();
		thread.join();

		assertThat(result.get()).isInstanceOf(SendResult.Accepted.class);
		assertThat(System.getProperty("jakarta.mail.util.StreamProvider"))
			.isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
	}

	@Test
	void anUnparseableAddressIsRejected() {
		SendResult result = this.sender.send(Emails.alert("alert:1", "not an address@@example"));

		assertThat(result).isInstanceOf(SendResult.Rejected.class);
		assertThat(((SendResult.Rejected) result).reason()).doesNotContain("address@@example");
	}

	@Test
	void anUnreachableServerMeansRetryLater() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		try (SmtpEmailSender unreachable = new SmtpEmailSender(mailSender(closedPort), settings(4, 100),
				Clock.systemUTC())) {
			SendResult result = unreachable.send(Emails.alert("alert:1", "resident@example.org"));

			assertThat(result).isInstanceOfSatisfying(SendResult.RetryLater.class,
					retry -> assertThat(retry.reason()).contains("Connection refused"));
		}
	}

	@Test
	void describesHostAndPort() {
		assertThat(this.sender.describe()).isEqualTo(
				"SMTP localhost:" + greenMail.getSmtp().getPort() + " (4 connections, 100 messages each)");
	}

	static ChannelProperties.Mail settings(int connections, int messagesPerConnection) {
		return new ChannelProperties.Mail("Sunshine <alerts@sunshine.example.org>", connections,
				messagesPerConnection, Duration.ofSeconds(30));
	}

	static JavaMailSenderImpl mailSender(int port) {
		JavaMailSenderImpl mailSender = new JavaMailSenderImpl();
		mailSender.setHost("localhost");
		mailSender.setPort(port);
		Properties properties = new Properties();
		properties.setProperty("mail.smtp.connectiontimeout", "2000");
		properties.setProperty("mail.smtp.timeout", "2000");
		mailSender.setJavaMailProperties(properties);
		return mailSender;
	}

}
