package org.sunshine.meeting;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of meetings ended: the start and id of its last meeting, as listings order them. Handed to clients
 * as an opaque token; the next page starts after it, so a meeting added or removed meanwhile moves no other meeting
 * to another page, and none is listed twice.
 */
public record MeetingCursor(Instant start, long id) {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	/** The token for a link: URL-safe, and nothing a client should read. */
	public String token() {
		return ENCODER.encodeToString((start.getEpochSecond() + "." + start.getNano() + "." + id)
			.getBytes(StandardCharsets.US_ASCII));
	}

	/** The cursor a token stands for; empty when it is not one this service made. */
	public static Optional<MeetingCursor> parse(String token) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII).split("\\.");
			if (parts.length != 3) {
				return Optional.empty();
			}
			return Optional.of(new MeetingCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
					Long.parseLong(parts[2])));
		}
		catch (IllegalArgumentException | java.time.DateTimeException e) {
			return Optional.empty();
		}
	}

}
