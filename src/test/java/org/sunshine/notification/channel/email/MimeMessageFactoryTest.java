package org.sunshine.notification.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.sunshine.notification.channel.OutgoingEmail;

/**
 * The transfer encodings the factory names itself (so that building a message does not write every part
 * twice) must carry any text intact: Spanish and Creole accents, long lines, the calendar attachment.
 */
class MimeMessageFactoryTest {

	private final MimeMessageFactory factory = new MimeMessageFactory("Sunshine <alerts@example.org>",
			Clock.fixed(Instant.parse("2025-07-01T12:00:00Z"), ZoneOffset.UTC));

	@Test
	void accentedTextLongLinesAndCalendarArriveIntact() throws Exception {
		String text = "Reunión especial de la Comisión: acuerdo 287(g) – ¿asistirá? Kòmisyon an ap reyini.\n"
				+ "x".repeat(1_500) + "\nend";
		String html = "<p>Reunión <b>especial</b> – ¿asistirá?</p>";
		String ics = "BEGIN:VCALENDAR\r\nSUMMARY:Comisión – reunión\r\nEND:VCALENDAR\r\n";
		MimeMessage received = roundTrip(new OutgoingEmail("k1", "ana@example.org", "Reunión movida", text, html,
				Map.of("List-Unsubscribe", "<https://example.org/s/t/unsubscribe>"),
				List.of(new OutgoingEmail.Attachment("meeting.ics", "text/calendar; charset=UTF-8; method=PUBLISH",
						ics.getBytes(StandardCharsets.UTF_8)))));

		assertThat(received.getSubject()).isEqualTo("Reunión movida");
		assertThat(received.getHeader("Date")).containsExactly("Tue, 1 Jul 2025 12:00:00 +0000");
		assertThat(received.getSentDate().toInstant()).isEqualTo(Instant.parse("2025-07-01T12:00:00Z"));
		assertThat(find(received, "text/plain").getContent().toString().replace("\r\n", "\n")).isEqualTo(text);
		assertThat(find(received, "text/html").getContent().toString()).isEqualTo(html);
		assertThat(new String(find(received, "text/calendar").getInputStream().readAllBytes(), StandardCharsets.UTF_8))
			.isEqualTo(ics);
		assertThat(find(received, "text/plain").getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
	}

	@Test
	void plainAsciiInShortLinesGoesAsSevenBit() throws Exception {
		MimeMessage received = roundTrip(new OutgoingEmail("k2", "ana@example.org", "Meeting moved",
				"The City Commission meets at 5:00 PM.", "<p>The City Commission meets at 5:00 PM.</p>", Map.of(),
				List.of()));
		assertThat(find(received, "text/plain").getHeader("Content-Transfer-Encoding")).containsExactly("7bit");
		assertThat(find(received, "text/html").getHeader("Content-Transfer-Encoding")).containsExactly("7bit");
		assertThat(find(received, "text/plain").getContent()).isEqualTo("The City Commission meets at 5:00 PM.");
	}

	@Test
	void sevenBitMeansAsciiAndEightBitAnyOctetsInLinesOfAtMost998WithoutNulsOrBareCarriageReturns() {
		assertThat(octets("plain\r\ntext\n")).isEqualTo(MimeMessageFactory.Octets.SEVEN_BIT);
		assertThat(octets("Reunión")).isEqualTo(MimeMessageFactory.Octets.EIGHT_BIT);
		assertThat(octets("a\rb")).isEqualTo(MimeMessageFactory.Octets.OTHER);
		assertThat(octets("ends in a bare CR\r")).isEqualTo(MimeMessageFactory.Octets.OTHER);
		assertThat(octets("nul\0")).isEqualTo(MimeMessageFactory.Octets.OTHER);
		assertThat(octets("y".repeat(998) + "\r\n" + "y".repeat(998))).isEqualTo(MimeMessageFactory.Octets.SEVEN_BIT);
		assertThat(octets("y".repeat(999))).isEqualTo(MimeMessageFactory.Octets.OTHER);
		// Lines are counted in octets: 499 two-octet characters are 998, one more is too many.
		assertThat(octets("ñ".repeat(499))).isEqualTo(MimeMessageFactory.Octets.EIGHT_BIT);
		assertThat(octets("ñ".repeat(500))).isEqualTo(MimeMessageFactory.Octets.OTHER);
	}

	private static MimeMessageFactory.Octets octets(String text) {
		return MimeMessageFactory.Octets.of(text.getBytes(StandardCharsets.UTF_8));
	}

	private MimeMessage roundTrip(OutgoingEmail email) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		factory.create(email).writeTo(bytes);
		return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes.toByteArray()));
	}

	private static Part find(Part part, String type) throws Exception {
		if (part.isMimeType(type)) {
			return part;
		}
		if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				Part found = find(child, type);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

}
