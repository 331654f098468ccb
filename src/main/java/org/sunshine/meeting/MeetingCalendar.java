package org.sunshine.meeting;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Meetings as iCalendar, for calendar apps: one VEVENT per meeting whose UID never changes and whose
 * SEQUENCE grows with each change, so an update replaces the entry instead of adding a second one.
 */
public final class MeetingCalendar {

	/** Sources rarely publish an end time; calendar entries get this length. */
	static final Duration ASSUMED_LENGTH = Duration.ofHours(2);

	private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

	private MeetingCalendar() {
	}

	/** A calendar with {@code METHOD:PUBLISH}, as in an alert or a subscribed feed. */
	public static String publish(String name, List<Meeting> meetings, Instant now) {
		return write("PUBLISH", name, meetings, now);
	}

	/** {@code METHOD:CANCEL} for a cancelled meeting: same UID, higher SEQUENCE, STATUS:CANCELLED. */
	public static String cancel(Meeting meeting, Instant now) {
		return write("CANCEL", null, List.of(meeting), now);
	}

	/** The iCalendar UID of a meeting: derived from its feed and source id, so it is stable forever. */
	public static String uid(Meeting meeting) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((meeting.feedId() + "\n" + meeting.sourceId()).getBytes(StandardCharsets.UTF_8));
			return "meeting-" + meeting.feedId() + "-" + HexFormat.of().formatHex(digest, 0, 10) + "@sunshine";
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String write(String method, String name, List<Meeting> meetings, Instant now) {
		Calendar calendar = new Calendar();
		calendar.add(new ProdId("-//Sunshine//Public meeting alerts//EN"));
		calendar.add(ImmutableVersion.VERSION_2_0);
		calendar.add(ImmutableCalScale.GREGORIAN);
		calendar.add(new Method(method));
		if (name != null) {
			calendar.add(new XProperty("X-WR-CALNAME", name));
		}
		// Each zone once, defined from the earliest of its meetings on.
		Map<ZoneId, Instant> zones = new LinkedHashMap<>();
		meetings.forEach(meeting -> zones.merge(meeting.zone(), meeting.start(), (a, b) -> a.isBefore(b) ? a : b));
		zones.forEach((zone, from) -> calendar.add(CompactZones.from(zone, from)));
		for (Meeting meeting : meetings) {
			calendar.add(event(meeting, now));
		}
		StringWriter out = new StringWriter();
		try {
			new CalendarOutputter(false).output(calendar, out);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toString();
	}

	private static VEvent event(Meeting meeting, Instant now) {
		var start = meeting.start().atZone(ZONES.getTimeZone(meeting.zone().getId()).toZoneId());
		String summary = meeting.title() == null || meeting.title().equalsIgnoreCase(meeting.body()) ? meeting.body()
				: meeting.body() + " - " + meeting.title();
		VEvent event = new VEvent(start, ASSUMED_LENGTH, summary + " (" + meeting.jurisdiction() + ")");
		event.add(new Uid(uid(meeting)));
		event.replace(new DtStamp(now));
		event.add(new Sequence(meeting.sequence()));
		event.add(meeting.status() == MeetingStatus.CANCELLED ? new Status("CANCELLED") : new Status("CONFIRMED"));
		if (meeting.location() != null) {
			event.add(new Location(meeting.location()));
		}
		StringBuilder description = new StringBuilder();
		meeting.items().forEach(item -> description.append(item.number() == null ? "" : item.number() + " ")
			.append(item.title()).append('\n'));
		if (meeting.link() != null) {
			description.append(meeting.link());
			event.add(new Url(java.net.URI.create(meeting.link().replace(" ", "%20"))));
		}
		if (!description.isEmpty()) {
			event.add(new Description(description.toString().strip()));
		}
		return event;
	}

}
