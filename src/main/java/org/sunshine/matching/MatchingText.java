package org.sunshine.matching;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.sunshine.meeting.AgendaItem;
import org.sunshine.meeting.Meeting;

/**
 * The text of a meeting and of an item that interests are matched against (alerts and search alike); and text
 * compared for sameness: sources re-wrap lines and pad spaces between versions.
 */
final class MatchingText {

	private MatchingText() {
	}

	static String normalised(String text) {
		return text == null ? "" : text.replaceAll("\\s+", " ").strip();
	}

	static String meeting(Meeting meeting) {
		return join(meeting.title(), meeting.body(), meeting.description());
	}

	static String item(AgendaItem item) {
		return join(item.title(), item.text(), item.matterId());
	}

	private static String join(String... parts) {
		return Stream.of(parts).filter(part -> part != null && !part.isBlank()).collect(Collectors.joining("\n"));
	}

}
