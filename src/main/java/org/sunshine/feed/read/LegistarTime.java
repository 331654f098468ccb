package org.sunshine.feed.read;

import java.time.LocalTime;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Legistar's {@code EventTime} is typed by hand: "5:00 PM", "5:00PM", "5 PM", "10:00 am", "1:30 p.m.", "17:00".
 * Anything else ("TBD", "5:00 P", "5") is refused rather than guessed, so that no meeting silently moves to midnight.
 */
final class LegistarTime {

	private static final Pattern TWELVE_HOUR = Pattern.compile("(\\d{1,2})(?::(\\d{2}))?\\s*([ap])\\.?\\s*m\\.?");

	private static final Pattern TWENTY_FOUR_HOUR = Pattern.compile("(\\d{1,2}):(\\d{2})");

	private LegistarTime() {
	}

	static Optional<LocalTime> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		String value = text.replace('\u00a0', ' ').strip().toLowerCase(Locale.ROOT);
		if (value.equals("noon")) {
			return Optional.of(LocalTime.NOON);
		}
		Matcher twelve = TWELVE_HOUR.matcher(value);
		if (twelve.matches()) {
			int hour = Integer.parseInt(twelve.group(1));
			int minute = twelve.group(2) == null ? 0 : Integer.parseInt(twelve.group(2));
			if (hour < 1 || hour > 12 || minute > 59) {
				return Optional.empty();
			}
			int hourOfDay = hour % 12 + (twelve.group(3).equals("p") ? 12 : 0);
			return Optional.of(LocalTime.of(hourOfDay, minute));
		}
		Matcher twentyFour = TWENTY_FOUR_HOUR.matcher(value);
		if (twentyFour.matches()) {
			int hour = Integer.parseInt(twentyFour.group(1));
			int minute = Integer.parseInt(twentyFour.group(2));
			return hour > 23 || minute > 59 ? Optional.empty() : Optional.of(LocalTime.of(hour, minute));
		}
		return Optional.empty();
	}

}
