package org.sunshine.notification.channel.email;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

import org.sunshine.notification.channel.OutgoingEmail;

/** A realistic meeting alert and helpers to look inside the MIME tree. */
final class Emails {

	static final String ICS = """
			BEGIN:VCALENDAR\r
			VERSION:2.0\r
			PRODID:-//Sunshine//EN\r
			METHOD:PUBLISH\r
			BEGIN:VEVENT\r
			UID:key-west-2025-07-08@sunshine\r
			SEQUENCE:0\r
			DTSTAMP:20250701T120000Z\r
			DTSTART:20250708T210000Z\r
			SUMMARY:City Commission\r
			END:VEVENT\r
			END:VCALENDAR\r
			""";

	private Emails() {
	}

	static OutgoingEmail alert(String messageKey, String to) {
		return new OutgoingEmail(messageKey, to, "City Commission, Tue, Jul 8: Reunión sobre el muelle",
				"Item 4.2 Pier repairs\nhttps://sunshine.example.org/m/1",
				"<p>Item 4.2 <b>Pier repairs</b></p><p><a href=\"https://sunshine.example.org/m/1\">Details</a></p>",
				Map.of("List-Unsubscribe", "<https://sunshine.example.org/s/tok123/unsubscribe>",
						"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
				List.of(new OutgoingEmail.Attachment("meeting.ics", "text/calendar; method=PUBLISH; charset=UTF-8",
						ICS.getBytes(StandardCharsets.UTF_8))));
	}

	/**
	 * GreenMail on a free port (builds in other worktrees use the fixed test ports at the same time), given
	 * time to start on a busy machine.
	 */
	static ServerSetup ownPort(ServerSetup setup) {
		ServerSetup own = setup.dynamicPort();
		own.setServerStartupTimeout(30_000);
		return own;
	}

	/** The leaf parts of a message, depth first. */
	static List<Part> leaves(Part part) throws Exception {
		List<Part> leaves = new ArrayList<>();
		if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				leaves.addAll(leaves(child));
			}
		}
		else {
			leaves.add(part);
		}
		return leaves;
	}

	static Part leaf(Part message, String mimeType) throws Exception {
		return leaves(message).stream()
			.filter(p -> isMimeType(p, mimeType))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + mimeType + " part"));
	}

	private static boolean isMimeType(Part part, String mimeType) {
		try {
			return part.isMimeType(mimeType);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
