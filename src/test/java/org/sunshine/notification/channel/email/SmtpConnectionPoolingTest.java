package org.sunshine.notification.channel.email;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.sunshine.MutableClock;
import org.sunshine.TestClockConfiguration;
import org.sunshine.notification.channel.ChannelProperties;
import org.sunshine.notification.channel.OutgoingEmail;
import org.sunshine.notification.channel.SendResult;
import org.sunshine.notification.channel.email.ScriptedSmtpServer.Script;

import static org.assertj.core.api.Assertions.assertThat;

/** Concurrent senders over pooled SMTP connections, against GreenMail and a scripted server. */
class SmtpConnectionPoolingTest {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(Emails.ownPort(ServerSetupTest.SMTP));

	private final RecordingSocketFactory sockets = new RecordingSocketFactory();

	private final MutableClock clock = new MutableClock(TestClockConfiguration.NOW);

	@Test
	void parallelSendersDeliverEveryMessageExactlyOnceOverFewConnections() throws Exception {
		try (SmtpEmailSender sender = sender(greenMailPort(), 4, 100)) {
			List<SendResult> results = sendInParallel(sender, 100, 8);

			assertThat(results).allMatch(SendResult.Accepted.class::isInstance);
			assertThat(greenMail.waitForIncomingEmail(30_000, 100)).isTrue();
			MimeMessage[] received = greenMail.getReceivedMessages();
			assertThat(received).hasSize(100);
			Map<String, String> idByRecipient = Arrays.stream(received)
				.collect(Collectors.toMap(SmtpConnectionPoolingTest::recipient, SmtpConnectionPoolingTest::messageId));
			assertThat(idByRecipient).hasSize(100);
			for (int i = 0; i < 100; i++) {
				assertThat(idByRecipient).containsEntry("resident" + i + "@example.org",
						MimeMessageFactory.messageId("alert:" + i));
			}
			assertThat(this.sockets.created()).as("connections opened for 100 messages")
				.isLessThanOrEqualTo(4 * (int) Math.ceil(100 / 100.0));
		}
	}

	@Test
	void aConnectionIsReplacedAfterItsShareOfMessages() throws Exception {
		try (SmtpEmailSender sender = sender(greenMailPort(), 2, 10)) {
			assertThat(sendInParallel(sender, 40, 4)).allMatch(SendResult.Accepted.class::isInstance);

			// 40 / 10 when each connection carried a full share; one more when two end part-used (say 5 + 5).
			assertThat(this.sockets.created()).isBetween(4, 5).isLessThanOrEqualTo(2 * (int) Math.ceil(40 / 10.0));
			assertThat(this.sockets.mostOpenAtOnce()).isLessThanOrEqualTo(2);
			assertThat(greenMail.getReceivedMessages()).hasSize(40);
		}
	}

	@Test
	void socketsHaveTcpNoDelay() throws Exception {
		try (SmtpEmailSender sender = sender(greenMailPort(), 4, 100)) {
			assertThat(sender.send(Emails.alert("alert:1", "resident@example.org")))
				.isInstanceOf(SendResult.Accepted.class);

			assertThat(this.sockets.sockets()).singleElement()
				.satisfies(socket -> assertThat(socket.getTcpNoDelay()).isTrue());
		}
	}

	@Test
	void aMessageLeavesInAFewLargeWrites() throws Exception {
		String html = "<p>" + "Item 4.2 Pier repairs and the stormwater plan. ".repeat(1000) + "</p>";
		OutgoingEmail large = Emails.alert("alert:1", "resident@example.org");
		large = new OutgoingEmail(large.messageKey(), large.to(), large.subject(), large.text(), html,
				large.headers(), large.attachments());
		try (SmtpEmailSender sender = sender(greenMailPort(), 1, 100)) {
			sender.send(Emails.alert("alert:0", "resident@example.org"));
			long afterGreeting = this.sockets.writes();

			assertThat(sender.send(large)).isInstanceOf(SendResult.Accepted.class);

			// MAIL, RCPT and DATA, then the message in 8 KiB pieces, the last one with the final dot.
			int size = encodedSize(large);
			assertThat(size).isGreaterThan(40_000);
			assertThat(this.sockets.writes() - afterGreeting).isLessThanOrEqualTo(3 + size / 8192 + 1);
		}
	}

	@Test
	void idleConnectionsAreClosedAfterTheIdleTimeout() throws Exception {
		try (SmtpEmailSender sender = sender(greenMailPort(), 4, 100)) {
			sender.send(Emails.alert("alert:1", "resident@example.org"));
			this.clock.advance(Duration.ofSeconds(29));
			sender.closeIdleConnections();
			sender.send(Emails.alert("alert:2", "resident@example.org"));
			assertThat(this.sockets.created()).as("reused within the idle timeout").isEqualTo(1);

			this.clock.advance(Duration.ofSeconds(30));
			sender.closeIdleConnections();

			assertThat(this.sockets.sockets().get(0).isClosed()).isTrue();
			sender.send(Emails.alert("alert:3", "resident@example.org"));
			assertThat(this.sockets.created()).isEqualTo(2);
		}
	}

	@Test
	void aServerHangingUpMidMessageMeansRetryLaterAndTheNextSendReconnects() throws Exception {
		try (ScriptedSmtpServer server = new ScriptedSmtpServer(Script.HANG_UP_DURING_DATA, Script.ACCEPT);
				SmtpEmailSender sender = sender(server.port(), 1, 100)) {
			assertThat(sender.send(Emails.alert("alert:1", "resident@example.org")))
				.isInstanceOf(SendResult.RetryLater.class);

			assertThat(sender.send(Emails.alert("alert:1", "resident@example.org")))
				.isInstanceOf(SendResult.Accepted.class);
			assertThat(server.connections()).isEqualTo(2);
			assertThat(server.messagesAccepted()).isEqualTo(1);
		}
	}

	@Test
	void aPooledConnectionTheServerClosedWhileIdleIsReplacedAtOnce() throws Exception {
		for (Script idleEnd : List.of(Script.ACCEPT_ONE_THEN_HANG_UP, Script.ACCEPT_ONE_THEN_421)) {
			try (ScriptedSmtpServer server = new ScriptedSmtpServer(idleEnd, Script.ACCEPT);
					SmtpEmailSender sender = sender(server.port(), 1, 100)) {
				sender.send(Emails.alert("alert:1", "resident@example.org"));

				assertThat(sender.send(Emails.alert("alert:2", "resident@example.org"))).as(idleEnd.name())
					.isInstanceOf(SendResult.Accepted.class);
				assertThat(server.connections()).isEqualTo(2);
				assertThat(server.messagesAccepted()).isEqualTo(2);
			}
		}
	}

	private SmtpEmailSender sender(int port, int connections, int messagesPerConnection) {
		ChannelProperties.Mail settings = new ChannelProperties.Mail("Sunshine <alerts@sunshine.example.org>",
				connections, messagesPerConnection, Duration.ofSeconds(30));
		return new SmtpEmailSender(SmtpEmailSenderTest.mailSender(port), settings, this.clock, this.sockets);
	}

	private int encodedSize(OutgoingEmail email) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new MimeMessageFactory("Sunshine <alerts@sunshine.example.org>", this.clock).create(email).writeTo(out);
		return out.size();
	}

	private static int greenMailPort() {
		return greenMail.getSmtp().getPort();
	}

	/** Sends alert:0..count-1 to resident0..: from {@code threads} threads at once. */
	static List<SendResult> sendInParallel(SmtpEmailSender sender, int count, int threads) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Callable<SendResult>> sends = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				OutgoingEmail email = Emails.alert("alert:" + i, "resident" + i + "@example.org");
				sends.add(() -> sender.send(email));
			}
			List<SendResult> results = new ArrayList<>();
			for (Future<SendResult> result : pool.invokeAll(sends)) {
				results.add(result.get());
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static String recipient(MimeMessage message) {
		return unchecked(m -> m.getAllRecipients()[0].toString(), message);
	}

	private static String messageId(MimeMessage message) {
		return unchecked(MimeMessage::getMessageID, message);
	}

	private static String unchecked(ThrowingFunction<MimeMessage, String> read, MimeMessage message) {
		try {
			return read.apply(message);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@FunctionalInterface
	private interface ThrowingFunction<T, R> {

		R apply(T value) throws Exception;

	}

}
