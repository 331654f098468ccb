package org.sunshine.feed.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A guess at the zone a feed's local times are written in. An iCalendar says it (X-WR-TIMEZONE, TZID); an agenda
 * page usually names its state ("Agenda Center • Avenal, CA", "Detroit, MI 48226"), and most states keep one zone.
 *
 * @param zone the zone guessed
 * @param reason why, for the comment printed next to it
 * @param certain false when nothing pointed to a zone and the default was taken
 */
public record ZoneGuess(ZoneId zone, String reason, boolean certain) {

	/** The zone when nothing on the page names one: the one most US local governments keep. */
	static final ZoneId DEFAULT = ZoneId.of("America/New_York");

	private static final Pattern CALENDAR_ZONE = Pattern.compile("(?im)^(?:X-WR-TIMEZONE:|[A-Z-]+;(?:[^:\\r\\n]*;)?TZID=)\"?([^\":;\\r\\n]+)");

	/** A state code after a comma ("Avenal, CA") in a title, or before a ZIP code in an address. */
	private static final Pattern CODE_IN_TITLE = Pattern.compile(",\\s*([A-Z]{2})\\b");

	private static final Pattern CODE_BEFORE_ZIP = Pattern.compile(",\\s*([A-Z]{2})\\s+\\d{5}\\b");

	private static final List<State> STATES = states();

	private record State(String code, String name, ZoneId zone) {
	}

	static ZoneGuess fallback() {
		return new ZoneGuess(DEFAULT, "guess: check", false);
	}

	/** The first zone an iCalendar names that java.time knows. */
	static Optional<ZoneGuess> fromCalendar(String calendar) {
		Matcher zone = CALENDAR_ZONE.matcher(calendar);
		while (zone.find()) {
			Optional<ZoneId> known = known(zone.group(1).strip());
			if (known.isPresent()) {
				return Optional.of(new ZoneGuess(known.get(), "from the calendar", true));
			}
		}
		return Optional.empty();
	}

	/** The zone of the US state a page's title names, else of the first address on the page with a ZIP code. */
	static Optional<ZoneGuess> fromState(String title, String text) {
		return stateIn(title == null ? "" : title, CODE_IN_TITLE, true)
			.or(() -> stateIn(text == null ? "" : text, CODE_BEFORE_ZIP, false))
			.map(state -> new ZoneGuess(state.zone(), "guess from " + state.name() + ": check", true));
	}

	private static Optional<State> stateIn(String text, Pattern codes, boolean byName) {
		Matcher code = codes.matcher(text);
		while (code.find()) {
			String found = code.group(1);
			Optional<State> state = STATES.stream().filter(s -> s.code().equals(found)).findFirst();
			if (state.isPresent()) {
				return state;
			}
		}
		if (!byName) {
			return Optional.empty();
		}
		// Longest names first, so "West Virginia" is not read as "Virginia".
		return STATES.stream().sorted(Comparator.comparingInt((State s) -> s.name().length()).reversed())
			.filter(s -> Pattern.compile("\\b" + Pattern.quote(s.name()) + "\\b").matcher(text).find())
			.findFirst();
	}

	private static Optional<ZoneId> known(String id) {
		try {
			return Optional.of(ZoneId.of(id));
		}
		catch (DateTimeException ex) {
			return Optional.empty();
		}
	}

	private static List<State> states() {
		List<State> states = new ArrayList<>();
		try (InputStream in = ZoneGuess.class.getResourceAsStream("us-state-zones.tsv");
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			reader.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).map(line -> line.split("\t"))
				.forEach(cells -> states.add(new State(cells[0], cells[1], ZoneId.of(cells[2]))));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return List.copyOf(states);
	}

}
