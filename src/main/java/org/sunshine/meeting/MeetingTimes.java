package org.sunshine.meeting;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Map;

/**
 * Meeting times as a resident reads them, in their language: "Tue, Jul 8, 2025, 5:00 PM EDT", "mar 8 de jul
 * de 2025, 5:00 p. m. EDT", "mad 8 jiy 2025, 5:00 PM EDT". Messages and pages use the same words.
 */
public final class MeetingTimes {

	private static final Locale SPANISH = Locale.forLanguageTag("es");

	private static final Map<String, DateTimeFormatter> FORMATS = Map.of(
			"en", DateTimeFormatter.ofPattern("EEE, MMM d, yyyy, h:mm a", Locale.US),
			"es", DateTimeFormatter.ofPattern("EEE d 'de' MMM 'de' yyyy, h:mm a", SPANISH),
			"ht", haitianCreole());

	/**
	 * The zone as residents see it on the agency's own notices ("EDT"), in every language. CLDR has no short
	 * names for Spanish, and whether the JDK then borrows its legacy "EDT" or writes "GMT-04:00" depends on
	 * what it has cached; the English names are always there.
	 */
	private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("z", Locale.US);

	private MeetingTimes() {
	}

	public static String format(Instant instant, ZoneId zone, String language) {
		// The JDK writes "p. m." with no-break spaces, which would cost a text message its GSM-7 encoding.
		ZonedDateTime local = instant.atZone(zone);
		String dateAndTime = FORMATS.getOrDefault(language, FORMATS.get("en")).format(local);
		return (dateAndTime + " " + ZONE.format(local)).replace('\u00a0', ' ').replace('\u202f', ' ');
	}

	/** The JDK has no Haitian Creole names; "mad 8 jiy 2025, 5:00 PM EDT". */
	private static DateTimeFormatter haitianCreole() {
		Map<Long, String> days = Map.of(1L, "lin", 2L, "mad", 3L, "mèk", 4L, "jed", 5L, "van", 6L, "sam", 7L, "dim");
		Map<Long, String> months = Map.ofEntries(Map.entry(1L, "jan"), Map.entry(2L, "fev"), Map.entry(3L, "mas"),
				Map.entry(4L, "avr"), Map.entry(5L, "me"), Map.entry(6L, "jen"), Map.entry(7L, "jiy"), Map.entry(8L, "out"),
				Map.entry(9L, "sep"), Map.entry(10L, "okt"), Map.entry(11L, "nov"), Map.entry(12L, "des"));
		return new DateTimeFormatterBuilder().appendText(ChronoField.DAY_OF_WEEK, days).appendLiteral(' ')
			.appendValue(ChronoField.DAY_OF_MONTH).appendLiteral(' ').appendText(ChronoField.MONTH_OF_YEAR, months)
			.appendLiteral(' ').appendValue(ChronoField.YEAR).appendPattern(", h:mm a").toFormatter(Locale.US);
	}

}
