package org.sunshine.feed.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sunshine.feed.catalogue.FeedDefinition;
import org.sunshine.feed.catalogue.FeedType;
import org.sunshine.feed.fetch.FetchResult;
import org.sunshine.feed.fetch.Fetcher;
import org.sunshine.meeting.MeetingSnapshot;
import org.sunshine.meeting.MeetingStatus;

import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.util.CompatibilityHints;

/**
 * Reads iCalendar with ical4j. Recurring events are expanded over [now - 1 day, now + horizon]; each occurrence is
 * one meeting whose id is the UID plus "@" and the occurrence's original start instant, so a moved occurrence
 * (a VEVENT with RECURRENCE-ID) keeps its id. Times with TZID are read in the IANA zone the TZID names, by java.time's
 * rules and never by the file's VTIMEZONE (see {@link CalendarParsing}); UTC times are taken as they are; floating
 * times, all-day dates (at local midnight) and TZIDs that name no known zone are read in the feed's zone.
 * <p>
 * What one file can cost is bounded: an event contributes at most {@code maxOccurrences} meetings and a feed at most
 * {@code maxMeetings} (the earliest); beyond that the rest is left out with a warning.
 */
public class ICalendarReader implements FeedReader {

	private static final Logger log = LoggerFactory.getLogger(ICalendarReader.class);

	private static final Comparator<MeetingSnapshot> BY_START = Comparator.comparing(MeetingSnapshot::start)
		.thenComparing(MeetingSnapshot::sourceId);

	static {
		// Real feeds break the RFC (DTSTAMP without Z, odd folding). These hints are global to ical4j in this JVM.
		CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_PARSING, true);
		CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_UNFOLDING, true);
		CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_VALIDATION, true);
	}

	private final Duration horizon;

	private final int maxOccurrences;

	private final int maxMeetings;

	/**
	 * @param horizon how far ahead recurring events are expanded
	 * @param maxOccurrences most meetings one VEVENT may contribute
	 * @param maxMeetings most meetings one feed may contribute (the earliest are kept)
	 */
	public ICalendarReader(Duration horizon, int maxOccurrences, int maxMeetings) {
		if (horizon.isNegative() || maxOccurrences < 1 || maxMeetings < 1) {
			throw new IllegalArgumentException("horizon must not be negative and the limits must be positive");
		}
		this.horizon = horizon;
		this.maxOccurrences = maxOccurrences;
		this.maxMeetings = maxMeetings;
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
		return read(feed, document, fetcher, now, Poll.unlimited());
	}

	/** As the four-argument read; what is left out over {@code maxMeetings} is said on the poll, for the status. */
	@Override
	public List<MeetingSnapshot> read(FeedDefinition feed, FetchResult document, Fetcher fetcher, Instant now,
			Poll poll) throws FeedReadException {
		ZoneId zone = feed.timezone();
		Instant from = now.minus(Duration.ofDays(1));
		Instant to = now.plus(horizon);
		List<VEvent> events = parse(feed, document).getComponents(Component.VEVENT);

		// Occurrences replaced by a VEVENT with RECURRENCE-ID are read from that VEVENT, not from the rule.
		Set<String> overridden = new HashSet<>();
		for (VEvent event : events) {
			Optional<Instant> recurrenceId = instant(event, Property.RECURRENCE_ID, zone);
			uid(event).ifPresent(uid -> recurrenceId.ifPresent(at -> overridden.add(uid + "@" + at)));
		}

		// The earliest maxMeetings, kept as they come so that a huge file never holds more than that many.
		PriorityQueue<MeetingSnapshot> earliest = new PriorityQueue<>(BY_START.reversed());
		int leftOut = 0;
		long walkLeft = Recurrences.WALK_PER_MEETING * maxMeetings;
		for (VEvent event : events) {
			try {
				long walk = Recurrences.walk(event, zone, to);
				if (walk > walkLeft) {
					log.warn("Feed {}: skipped VEVENT {}: expanding it from its DTSTART on would take {} steps",
							feed.id(), uid(event).orElse("without UID"), walk);
					continue;
				}
				walkLeft -= walk;
				for (MeetingSnapshot meeting : meetings(feed, event, overridden, from, to)) {
					earliest.add(meeting);
					if (earliest.size() > maxMeetings) {
						earliest.poll();
						leftOut++;
					}
				}
			}
			catch (RuntimeException ex) {
				// One event that ical4j cannot expand must not hide the others.
				log.warn("Feed {}: skipped VEVENT {}: {}", feed.id(), uid(event).orElse("without UID"), ex.toString());
			}
		}
		if (leftOut > 0) {
			// The poller logs the poll's warnings when they change, not on every poll.
			poll.warn("more than " + maxMeetings + " meetings (max-meetings) within " + horizon.toDays()
					+ " days; left out the " + leftOut + " latest");
		}
		List<MeetingSnapshot> meetings = new ArrayList<>(earliest);
		meetings.sort(BY_START);
		return meetings;
	}

	/** The meetings one VEVENT contributes: none, itself, or its occurrences within [from, to). */
	private List<MeetingSnapshot> meetings(FeedDefinition feed, VEvent event, Set<String> overridden, Instant from,
			Instant to) {
		ZoneId zone = feed.timezone();
		Optional<String> uid = uid(event);
		Optional<Temporal> start = temporal(event, Property.DTSTART);
		if (uid.isEmpty() || start.isEmpty()) {
			log.warn("Feed {}: skipped a VEVENT without {}", feed.id(), uid.isEmpty() ? "UID" : "DTSTART");
			return List.of();
		}
		Optional<Instant> recurrenceId = instant(event, Property.RECURRENCE_ID, zone);
		if (recurrenceId.isPresent()) {
			Instant at = Recurrences.instant(start.get(), zone);
			return at.isBefore(from) ? List.of() : List.of(meeting(feed, event, uid.get() + "@" + recurrenceId.get(), at));
		}
		if (!isRecurring(event)) {
			Instant at = Recurrences.instant(start.get(), zone);
			return at.isBefore(from) ? List.of() : List.of(meeting(feed, event, uid.get(), at));
		}
		if (Recurrences.moreThanDaily(event)) {
			log.warn("Feed {}: skipped VEVENT {} that recurs more than daily", feed.id(), uid.get());
			return List.of();
		}
		List<Instant> starts = Recurrences.starts(event, start.get(), zone, from, to, maxOccurrences);
		if (starts.size() > maxOccurrences) {
			log.warn("Feed {}: VEVENT {} recurs more than {} times within {} days; kept the first {}", feed.id(),
					uid.get(), maxOccurrences, horizon.toDays(), maxOccurrences);
		}
		List<MeetingSnapshot> occurrences = new ArrayList<>();
		for (Instant at : starts.subList(0, Math.min(starts.size(), maxOccurrences))) {
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
			return CalendarParsing.parse(new ByteArrayInputStream(document.body(), start, document.body().length - start),
					feed.timezone());
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

	private static boolean isRecurring(VEvent event) {
		return event.getProperty(Property.RRULE).isPresent() || event.getProperty(Property.RDATE).isPresent();
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
		return temporal(event, name).map(t -> Recurrences.instant(t, zone));
	}

}
