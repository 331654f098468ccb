package org.sunshine.feed.read;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.ExRule;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * The starts of a recurring VEVENT, expanded by ical4j within bounds: no rule that starts more than once a day, at
 * most so many starts per event, and an estimate of ical4j's work before it starts, so a few hundred bytes of
 * RRULE cannot hold a poller for minutes or fill the heap.
 */
final class Recurrences {

	private static final Set<Frequency> SUB_DAILY = EnumSet.of(Frequency.SECONDLY, Frequency.MINUTELY,
			Frequency.HOURLY);

	/**
	 * Steps ical4j may take, per meeting a feed may give, to reach the window from the DTSTARTs of recurring events
	 * (see {@link #walk}); 1,000,000 for the default 5,000 meetings. Real calendars need a few thousand in all;
	 * DTSTART:00010101 with RRULE:FREQ=DAILY;COUNT=2000000000 takes 740,000 and seconds of CPU, and a file can hold
	 * many such events.
	 */
	static final long WALK_PER_MEETING = 200;

	private static final Map<Frequency, Integer> PERIOD_DAYS = Map.of(Frequency.DAILY, 1, Frequency.WEEKLY, 7,
			Frequency.MONTHLY, 28, Frequency.YEARLY, 365);

	private Recurrences() {
	}

	/**
	 * Start instants of the occurrences (RRULE, RDATE, less EXDATE) that begin within [from, to), sorted. When a rule
	 * gives more than maxOccurrences, the window ends at the first start past them, so no rule is expanded further.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	static List<Instant> starts(VEvent event, Temporal start, ZoneId zone, Instant from, Instant to,
			int maxOccurrences) {
		Period window = window(start, zone, from, to);
		Temporal end = window.getEnd();
		for (RRule<?> rule : event.<RRule<?>>getProperties(Property.RRULE)) {
			Recur recur = rule.getRecur();
			if (recur.getCount() > 0 && recur.getCount() <= maxOccurrences) {
				continue;
			}
			List<Temporal> first = recur.getDatesAsStream(start, window.getStart(), end, maxOccurrences + 1).toList();
			if (first.size() > maxOccurrences) {
				end = first.stream().max(Comparator.comparing(t -> instant(t, zone))).orElseThrow();
			}
		}
		List<Instant> starts = new ArrayList<>();
		for (Object occurrence : event.calculateRecurrenceSet(new Period(window.getStart(), end))) {
			Instant at = instant(((Period<?>) occurrence).getStart(), zone);
			if (at.isBefore(to)) {
				starts.add(at);
			}
		}
		starts.sort(Comparator.naturalOrder());
		return starts;
	}

	/** [from, to] as a period of the same temporal type as DTSTART, which ical4j needs. */
	private static Period<?> window(Temporal start, ZoneId zone, Instant from, Instant to) {
		if (start instanceof LocalDate) {
			return new Period<>(from.atZone(zone).toLocalDate(), to.atZone(zone).toLocalDate().plusDays(1));
		}
		if (start instanceof LocalDateTime) {
			return new Period<>(LocalDateTime.ofInstant(from, zone), LocalDateTime.ofInstant(to, zone));
		}
		if (start instanceof Instant) {
			return new Period<>(from, to);
		}
		if (start instanceof OffsetDateTime) {
			return new Period<>(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
		}
		return new Period<>(from.atZone(zone), to.atZone(zone));
	}

	/**
	 * Roughly how many steps ical4j takes before it reaches the window: a rule with a COUNT is walked start by start
	 * from DTSTART (at most one start a day, see {@link #moreThanDaily}), a rule without one a period at a time.
	 */
	static long walk(VEvent event, ZoneId zone, Instant to) {
		Optional<Instant> start = event.getProperty(Property.DTSTART).filter(DateProperty.class::isInstance)
			.map(p -> instant((Temporal) ((DateProperty<?>) p).getDate(), zone));
		if (start.isEmpty() || moreThanDaily(event)) {
			return 0; // never expanded
		}
		long days = Math.max(0, Duration.between(start.get(), to).toDays() + 1);
		return rules(event).mapToLong(recur -> recur.getCount() > 0 ? Math.min(recur.getCount(), days)
				: days / PERIOD_DAYS.getOrDefault(recur.getFrequency(), 1) / Math.max(1, recur.getInterval())).sum();
	}

	private static Stream<Recur<?>> rules(VEvent event) {
		return Stream.concat(event.<RRule<?>>getProperties(Property.RRULE).stream().map(RRule::getRecur),
				event.<ExRule<?>>getProperties(Property.EXRULE).stream().map(ExRule::getRecur));
	}

	/**
	 * Meetings never start more than once a day. A rule that does (hourly or faster, or several BYHOUR, BYMINUTE or
	 * BYSECOND values) would only make the expansion large: with a COUNT, ical4j walks every start from DTSTART on.
	 */
	static boolean moreThanDaily(VEvent event) {
		return rules(event).anyMatch(recur -> SUB_DAILY.contains(recur.getFrequency()) || recur.getHourList().size() > 1
				|| recur.getMinuteList().size() > 1 || recur.getSecondList().size() > 1);
	}

	/** The instant of a start: dates at local midnight and floating times in {@code zone}. */
	static Instant instant(Temporal temporal, ZoneId zone) {
		if (temporal instanceof LocalDate date) {
			return date.atStartOfDay(zone).toInstant();
		}
		if (temporal instanceof LocalDateTime floating) {
			return floating.atZone(zone).toInstant();
		}
		return Instant.from(temporal);
	}

}
