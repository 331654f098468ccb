package org.sunshine.feed.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sunshine.feed.catalogue.FeedDefinition;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.feed.fetch.FetchResult;
import org.sunshine.feed.fetch.Fetcher;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.transform.recurrence.Frequency;
import net.fortuna.ical4j.util.CompatibilityHints;

/**
 * Reads iCalendar with ical4j. Recurring events are expanded over [now - 1 day, now + 180 days]; each occurrence is
 * one meeting whose id is the UID plus "@" and the occurrence's original start instant, so a moved occurrence
 * (a VEVENT with RECURRENCE-ID) keeps its id. Times with TZID or UTC are taken as they are, floating times and
 * all-day dates (at local midnight) are read in the feed's zone.
 */
public class ICalendarReader implements FeedReader {

	private static final Logger log = LoggerFactory.getLogger(ICalendarReader.class);

	private static final Duration HORIZON = Duration.ofDays(180);

	static {
		// Real feeds break the RFC (DTSTAMP without Z, odd folding). These hints are global to ical4j in this JVM.
		CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_PARSING, true);
		CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_UNFOLDING, true);
		CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_VALIDATION, true);
	}

	@Override
	public FeedType type() {
		return FeedType.ICAL;
	}

	@Override
	public URI sourceUri(FeedDefinition feed, Instant now) {
		return feed.url();
	}

	@Override
	public List<MeetingSnapshot> read(FeedDefinition feed, FetchResult document, Fetcher fetcher, Instant now)
			throws FeedReadException {
		ZoneId zone = feed.timezone();
		Instant from = now.minus(Duration.ofDays(1));
		Instant to = now.plus(HORIZON);
		List<VEvent> events = parse(feed, document).getComponents(Component.VEVENT);

		// Occurrences replaced by a VEVENT with RECURRENCE-ID are read from that VEVENT, not from the rule.
		Set<String> overridden = new HashSet<>();
		for (VEvent event : events) {
			Optional<Instant> recurrenceId = instant(event, Property.RECURRENCE_ID, zone);
			uid(event).ifPresent(uid -> recurrenceId.ifPresent(at -> overridden.add(uid + "@" + at)));
		}

		List<MeetingSnapshot> meetings = new ArrayList<>();
		for (VEvent event : events) {
			try {
				meetings.addAll(meetings(feed, event, overridden, from, to));
			}
			catch (RuntimeException ex) {
				// One event that ical4j cannot expand must not hide the others.
				log.warn("Feed {}: skipped VEVENT {}: {}", feed.id(), uid(event).orElse("without UID"), ex.toString());
			}
		}
		meetings.sort(Comparator.comparing(MeetingSnapshot::start).thenComparing(MeetingSnapshot::sourceId));
		return meetings;
	}

	/** The meetings one VEVENT contributes: none, itself, or its occurrences within [from, to). */
	private static List<MeetingSnapshot> meetings(FeedDefinition feed, VEvent event, Set<String> overridden,
			Instant from, Instant to) {
		ZoneId zone = feed.timezone();
		Optional<String> uid = uid(event);
		Optional<Temporal> start = temporal(event, Property.DTSTART);
		if (uid.isEmpty() || start.isEmpty()) {
			log.warn("Feed {}: skipped a VEVENT without {}", feed.id(), uid.isEmpty() ? "UID" : "DTSTART");
			return List.of();
		}
		Optional<Instant> recurrenceId = instant(event, Property.RECURRENCE_ID, zone);
		if (recurrenceId.isPresent()) {
			Instant at = toInstant(start.get(), zone);
			return at.isBefore(from) ? List.of() : List.of(meeting(feed, event, uid.get() + "@" + recurrenceId.get(), at));
		}
		if (!isRecurring(event)) {
			Instant at = toInstant(start.get(), zone);
			return at.isBefore(from) ? List.of() : List.of(meeting(feed, event, uid.get(), at));
		}
		if (tooFrequent(event)) {
			log.warn("Feed {}: skipped VEVENT {} that recurs more than daily", feed.id(), uid.get());
			return List.of();
		}
		List<MeetingSnapshot> occurrences = new ArrayList<>();
		for (Instant at : occurrences(event, start.get(), zone, from, to)) {
			String id = uid.get() + "@" + at;
			if (!at.isBefore(from) && !overridden.contains(id)) {
				occurrences.add(meeting(feed, event, id, at));
			}
		}
		return occurrences;
	}

	private static Calendar parse(FeedDefinition feed, FetchResult document) throws FeedReadException {
		String where = Documents.describe(feed.url());
		if (!Documents.head(document.body(), 15).equals("begin:vcalendar")) {
			throw new FeedReadException("expected iCalendar from " + where + " but the body does not start with "
					+ "BEGIN:VCALENDAR" + (Documents.looksLikeHtml(document.body()) ? " (it is an HTML page)" : ""));
		}
		try {
			// ical4j expects BEGIN at the very first byte; some servers send a byte order mark or a blank line first.
			int start = Documents.contentStart(document.body());
			return new CalendarBuilder()
				.build(new ByteArrayInputStream(document.body(), start, document.body().length - start));
		}
		catch (ParserException | IOException | RuntimeException ex) {
			throw new FeedReadException("not a readable iCalendar from " + where + ": " + ex.getMessage(), ex);
		}
	}

	private static MeetingSnapshot meeting(FeedDefinition feed, VEvent event, String id, Instant start) {
		String summary = text(event, Property.SUMMARY);
		boolean cancelled = "CANCELLED".equalsIgnoreCase(text(event, Property.STATUS))
				|| CancellationMarkers.anyCancelled(summary);
		return new MeetingSnapshot(feed.id(), id, feed.name(), feed.name(), summary == null ? feed.name() : summary,
				start, feed.timezone(), text(event, Property.LOCATION),
				cancelled ? MeetingStatus.CANCELLED : MeetingStatus.SCHEDULED, null, text(event, Property.URL),
				text(event, Property.DESCRIPTION), List.of());
	}

	/** Start instants of the occurrences (RRULE, RDATE, less EXDATE) that begin within [from, to). */
	private static List<Instant> occurrences(VEvent event, Temporal start, ZoneId zone, Instant from, Instant to) {
		// ical4j wants a period of the same temporal type as DTSTART.
		Period<?> window;
		if (start instanceof LocalDate) {
			window = new Period<>(from.atZone(zone).toLocalDate(), to.atZone(zone).toLocalDate().plusDays(1));
		}
		else if (start instanceof LocalDateTime) {
			window = new Period<>(LocalDateTime.ofInstant(from, zone), LocalDateTime.ofInstant(to, zone));
		}
		else if (start instanceof Instant) {
			window = new Period<>(from, to);
		}
		else if (start instanceof java.time.OffsetDateTime) {
			window = new Period<>(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
		}
		else {
			window = new Period<>(from.atZone(zone), to.atZone(zone));
		}
		List<Instant> starts = new ArrayList<>();
		for (Object occurrence : event.calculateRecurrenceSet(window)) {
			Instant at = toInstant(((Period<?>) occurrence).getStart(), zone);
			if (at.isBefore(to)) {
				starts.add(at);
			}
		}
		return starts;
	}

	private static boolean isRecurring(VEvent event) {
		return event.getProperty(Property.RRULE).isPresent() || event.getProperty(Property.RDATE).isPresent();
	}

	/** Meetings never repeat hourly or faster; such a rule would only make the expansion large. */
	private static boolean tooFrequent(VEvent event) {
		return event.<RRule<?>>getProperties(Property.RRULE).stream().map(rule -> rule.getRecur().getFrequency())
			.anyMatch(f -> f == Frequency.SECONDLY || f == Frequency.MINUTELY || f == Frequency.HOURLY);
	}

	private static Optional<String> uid(VEvent event) {
		return Optional.ofNullable(text(event, Property.UID));
	}

	private static String text(VEvent event, String name) {
		return event.getProperty(name).map(Property::getValue).map(Text::clean).orElse(null);
	}

	private static Optional<Temporal> temporal(VEvent event, String name) {
		return event.getProperty(name)
			.filter(DateProperty.class::isInstance)
			.map(p -> (Temporal) ((DateProperty<?>) p).getDate());
	}

	private static Optional<Instant> instant(VEvent event, String name, ZoneId zone) {
		return temporal(event, name).map(t -> toInstant(t, zone));
	}

	private static Instant toInstant(Temporal temporal, ZoneId zone) {
		if (temporal instanceof LocalDate date) {
			return date.atStartOfDay(zone).toInstant();
		}
		if (temporal instanceof LocalDateTime floating) {
			return floating.atZone(zone).toInstant();
		}
		return Instant.from(temporal);
	}

}
