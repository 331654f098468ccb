package org.sunshine.notification.channel.email;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sunshine.notification.channel.SendResult;

import static org.assertj.core.api.Assertions.assertThat;

class EmlFileEmailSenderTest {

	@TempDir
	Path outbox;

	private final Clock clock = Clock.fixed(Instant.parse("2025-07-08T13:05:09.123Z"), ZoneOffset.UTC);

	@Test
	void writesAnEmlFileThatParsesBackIntoTheSameMessage() throws Exception {
		EmlFileEmailSender sender = new EmlFileEmailSender(this.outbox, "Sunshine <alerts@localhost>", this.clock);

		SendResult result = sender.send(Emails.alert("alert:42:sub:7", "resident@example.org"));

		assertThat(result).isInstanceOf(SendResult.Accepted.class);
		String fileName = ((SendResult.Accepted) result).providerId();
		assertThat(fileName).matches("20250708T130509123Z-[0-9a-f]{12}\\.eml");
		try (var files = Files.list(this.outbox.resolve("email"))) {
			assertThat(files.map(p -> p.getFileName().toString())).containsExactly(fileName);
		}
		MimeMessage parsed;
		try (InputStream in = Files.newInputStream(this.outbox.resolve("email").resolve(fileName))) {
			parsed = new MimeMessage(Session.getInstance(new Properties()), in);
		}
		assertThat(parsed.getMessageID()).isEqualTo(MimeMessageFactory.messageId("alert:42:sub:7"));
		assertThat(parsed.getSubject()).isEqualTo("City Commission, Tue, Jul 8: Reunión sobre el muelle");
		assertThat(parsed.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
		assertThat((String) Emails.leaf(parsed, "text/plain").getContent()).contains("Pier repairs");
		assertThat((String) Emails.leaf(parsed, "text/html").getContent()).contains("<b>Pier repairs</b>");
		assertThat(new ContentType(Emails.leaf(parsed, "text/calendar").getContentType()).getParameter("method"))
			.isEqualTo("PUBLISH");
	}

	@Test
	void describesTheDirectory() {
		assertThat(new EmlFileEmailSender(Path.of("data/outbox"), "a@localhost", this.clock).describe())
			.isEqualTo("writing .eml files to " + Path.of("data/outbox/email"));
	}

}
