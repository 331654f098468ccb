package org.sunshine.feed.read;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;

/**
 * The zones of one iCalendar feed, from java.time alone. A file's own VTIMEZONE rules are never used: they may be
 * hostile (an onset recurring every second, which ical4j would expand until the heap is gone) or wrong (explicit
 * transitions with the offsets of another year). A TZID that names an IANA zone gets the JDK's rules for it, a common
 * Windows name gets the IANA zone it stands for, and anything else gets the zone configured for the feed.
 */
final class CalendarZones implements TimeZoneRegistry {

	/** Windows zone names that US and Canadian calendar exports use, after CLDR's windowsZones.xml. */
	private static final Map<String, String> WINDOWS = Map.ofEntries(
			Map.entry("Eastern Standard Time", "America/New_York"), Map.entry("Central Standard Time", "America/Chicago"),
			Map.entry("Mountain Standard Time", "America/Denver"), Map.entry("US Mountain Standard Time", "America/Phoenix"),
			Map.entry("Pacific Standard Time", "America/Los_Angeles"), Map.entry("Alaskan Standard Time", "America/Anchorage"),
			Map.entry("Hawaiian Standard Time", "Pacific/Honolulu"), Map.entry("Atlantic Standard Time", "America/Halifax"),
			Map.entry("US Eastern Standard Time", "America/Indiana/Indianapolis"),
			Map.entry("SA Western Standard Time", "America/La_Paz"));

	/** The IANA name at the end of a "globally unique" TZID such as /mozilla.org/20050126_1/America/New_York. */
	private static final Pattern TRAILING_NAME = Pattern.compile("[^/]+/[^/]+$");

	private final ZoneId fallback;

	CalendarZones(ZoneId fallback) {
		this.fallback = fallback;
	}

	/** The zone a TZID stands for; the feed's zone when it names none that java.time knows. */
	ZoneId resolve(String tzid) {
		String id = tzid == null ? "" : tzid.strip();
		return known(WINDOWS.getOrDefault(id, id)).or(() -> {
			Matcher trailing = TRAILING_NAME.matcher(id);
			return trailing.find() ? known(trailing.group()) : Optional.empty();
		}).orElse(fallback);
	}

	private static Optional<ZoneId> known(String id) {
		try {
			return id.isEmpty() ? Optional.empty() : Optional.of(ZoneId.of(id));
		}
		catch (DateTimeException ex) {
			return Optional.empty();
		}
	}

	@Override
	public ZoneId getZoneId(String tzId) {
		return resolve(tzId);
	}

	@Override
	public String getTzId(String zoneId) {
		return zoneId;
	}

	/**
	 * ical4j asks {@link #getZoneId} only of a registry whose rules are not empty. These rules are never handed to
	 * java.time: {@link CalendarParsing} does not register this registry as a zone rules provider.
	 */
	@Override
	public Map<String, ZoneRules> getZoneRules() {
		return Map.of(fallback.getId(), fallback.getRules());
	}

	/** A VTIMEZONE is never registered: its rules are what must not be trusted. */
	@Override
	public void register(TimeZone timezone) {
	}

	@Override
	public void register(TimeZone timezone, boolean update) {
	}

	@Override
	public void clear() {
	}

	/** ical4j's own time zones are built from VTIMEZONE rules too; there are none here. */
	@Override
	public TimeZone getTimeZone(String id) {
		return null;
	}

}
