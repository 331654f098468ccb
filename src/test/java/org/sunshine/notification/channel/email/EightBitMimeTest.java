package org.sunshine.notification.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.sunshine.notification.channel.ChannelProperties;
import org.sunshine.notification.channel.OutgoingEmail;
import org.sunshine.notification.channel.SendResult;
import org.sunshine.notification.channel.email.ScriptedSmtpServer.Received;
import org.sunshine.notification.channel.email.ScriptedSmtpServer.Script;

/**
 * To a server that announces 8BITMIME (Postfix does), Spanish and Creole text and the .ics go as 8bit with
 * {@code BODY=8BITMIME}, not quoted byte by byte; to one that does not, as quoted-printable, even when the
 * message was built while the server still announced it. Either way every character arrives.
 */
class EightBitMimeTest {

	static final String TEXT = "Reunión especial de la Comisión: acuerdo 287(g) ≈ ICE – ¿asistirá?\nKòmisyon an ap reyini.";

	static final String ICS = "BEGIN:VCALENDAR\r\nSUMMARY:Comisión – reunión especial\r\nEND:VCALENDAR\r\n";

	private final Clock clock = Clock.fixed(Instant.parse("2025-07-01T12:00:00Z"), ZoneOffset.UTC);

	@Test
	void accentedTextGoesAsEightBitOnceTheServerHasAnnouncedIt() throws Exception {
		try (ScriptedSmtpServer server = new ScriptedSmtpServer(Script.ACCEPT_8BITMIME);
				SmtpEmailSender sender = sender(server.port(), 100)) {
			assertThat(sender.send(spanish("alert:1"))).isInstanceOf(SendResult.Accepted.class);
			assertThat(sender.send(spanish("alert:2"))).isInstanceOf(SendResult.Accepted.class);

			assertThat(server.connections()).isOne();
			Received first = server.received().get(0);
			assertThat(first.mailFrom()).as("built before any connection said what the server takes")
				.doesNotContain("BODY=8BITMIME");
			assertThat(encodings(first)).containsOnly("quoted-printable");
			Received second = server.received().get(1);
			assertThat(second.mailFrom()).endsWith(" BODY=8BITMIME");
			assertThat(encodings(second)).containsOnly("8bit");
			assertThat(new String(second.data(), StandardCharsets.UTF_8)).contains("acuerdo 287(g) ≈ ICE");
			for (Received received : server.received()) {
				assertArrivesIntact(received);
			}
		}
	}

	@Test
	void asciiMessagesNeverAskForEightBitMime() throws Exception {
		try (ScriptedSmtpServer server = new ScriptedSmtpServer(Script.ACCEPT_8BITMIME);
				SmtpEmailSender sender = sender(server.port(), 100)) {
			sender.send(Emails.alert("alert:0", "vecina@example.org"));
			sender.send(new OutgoingEmail("alert:1", "vecina@example.org", "Meeting moved", "Now at 6 PM.",
					"<p>Now at 6 PM.</p>", Map.of(), List.of()));

			assertThat(server.received().get(1).mailFrom()).doesNotContain("BODY=");
			assertThat(encodings(server.received().get(1))).containsOnly("7bit");
		}
	}

	@Test
	void aMessageBuiltForEightBitIsBuiltAgainForAServerThatStoppedAnnouncingIt() throws Exception {
		// The first connection announces 8BITMIME and carries two messages; the next one, to the same server
		// after a change of its configuration, does not.
		try (ScriptedSmtpServer server = new ScriptedSmtpServer(Script.ACCEPT_8BITMIME, Script.ACCEPT);
				SmtpEmailSender sender = sender(server.port(), 2)) {
			for (int i = 1; i <= 3; i++) {
				assertThat(sender.send(spanish("alert:" + i))).isInstanceOf(SendResult.Accepted.class);
			}

			assertThat(server.connections()).isEqualTo(2);
			assertThat(encodings(server.received().get(1))).containsOnly("8bit");
			Received third = server.received().get(2);
			assertThat(third.mailFrom()).doesNotContain("BODY=8BITMIME");
			assertThat(encodings(third)).containsOnly("quoted-printable");
			assertArrivesIntact(third);
		}
	}

	private static OutgoingEmail spanish(String key) {
		return new OutgoingEmail(key, "vecina@example.org", "Reunión especial: 287(g)", TEXT,
				"<p>Reunión <b>especial</b> – ¿asistirá?</p>", Map.of(),
				List.of(new OutgoingEmail.Attachment("meeting.ics", "text/calendar; charset=UTF-8; method=PUBLISH",
						ICS.getBytes(StandardCharsets.UTF_8))));
	}

	private static void assertArrivesIntact(Received received) throws Exception {
		MimeMessage message = parse(received);
		assertThat(message.getSubject()).isEqualTo("Reunión especial: 287(g)");
		List<Part> leaves = Emails.leaves(message);
		assertThat(leaves.get(0).getContent().toString().replace("\r\n", "\n")).isEqualTo(TEXT);
		assertThat(leaves.get(1).getContent()).isEqualTo("<p>Reunión <b>especial</b> – ¿asistirá?</p>");
		assertThat(new String(leaves.get(2).getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(ICS);
	}

	/** The transfer encodings of the message's leaf parts. */
	private static List<String> encodings(Received received) throws Exception {
		return Emails.leaves(parse(received)).stream().map(part -> {
			try {
				return part.getHeader("Content-Transfer-Encoding")[0];
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	private static MimeMessage parse(Received received) throws Exception {
		return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(received.data()));
	}

	private SmtpEmailSender sender(int port, int messagesPerConnection) {
		ChannelProperties.Mail settings = new ChannelProperties.Mail("Sunshine <alerts@sunshine.example.org>", 1,
				messagesPerConnection, Duration.ofSeconds(30));
		return new SmtpEmailSender(SmtpEmailSenderTest.mailSender(port), settings, this.clock);
	}

}
