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
 */
public record MeetingQuery(Instant from, Instant to, String feedId, String body) {

	public MeetingQuery {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		feedId = blankToNull(feedId);
		body = blankToNull(body);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
