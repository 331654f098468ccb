package org.sunshine.meeting;

import java.time.Instant;
import java.util.Objects;

/**
 * Which meetings a listing asks for.
 *
 * @param from earliest start, inclusive
 * @param to latest start, exclusive
 * @param feedId only this feed's meetings, or null for all
 * @param body only this body's meetings (case aside), or null for all
 * @param text words the meeting or one of its items mentions, or null
 */
public record MeetingQuery(Instant from, Instant to, String feedId, String body, String text) {

	public MeetingQuery {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		feedId = blankToNull(feedId);
		body = blankToNull(body);
		text = blankToNull(text);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
