package org.sunshine.meeting;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.fortuna.ical4j.model.ComponentList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.PropertyList;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.VTimeZone;

/**
 * A zone's VTIMEZONE with only the observances that can apply from a given moment on. ical4j's bundled
 * definition of America/New_York lists every change since 1883 (2.6 KB in each alert's .ics, and in each
 * stored copy of it); RFC 5545 asks only that a VTIMEZONE cover the calendar's dates. Kept: of each kind
 * (STANDARD, DAYLIGHT), the one in force at that moment, which carries today's recurrence rule, and any that
 * begin later (a change tzdata already announces).
 */
final class CompactZones {

	private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

	/** What says which zone this is; TZURL and LAST-MODIFIED would name the whole definition, and X-PROLEPTIC-TZNAME its start. */
	private static final Set<String> KEPT = Set.of(Property.TZID, "X-LIC-LOCATION");

	private CompactZones() {
	}

	/** The zone's definition from {@code from} on. */
	static VTimeZone from(ZoneId zone, Instant from) {
		VTimeZone full = ZONES.getTimeZone(zone.getId()).getVTimeZone();
		LocalDateTime cutoff = LocalDateTime.ofInstant(from, zone);
		Map<String, Observance> inForce = new HashMap<>();
		List<Observance> kept = new ArrayList<>();
		for (Observance observance : full.getObservances()) {
			if (onset(observance).isAfter(cutoff)) {
				kept.add(observance);
			}
			else {
				inForce.merge(observance.getName(), observance,
						(a, b) -> onset(a).isAfter(onset(b)) ? a : b);
			}
		}
		kept.addAll(inForce.values());
		kept.sort(Comparator.comparing(CompactZones::onset));
		PropertyList properties = new PropertyList(
				full.getPropertyList().getAll().stream().filter(p -> KEPT.contains(p.getName())).toList());
		return new VTimeZone(properties, new ComponentList<>(kept));
	}

	/** An observance's first onset, in the zone's local time (DTSTART of a VTIMEZONE is always local). */
	private static LocalDateTime onset(Observance observance) {
		return LocalDateTime.parse(observance.getRequiredProperty(Property.DTSTART).getValue(), LOCAL);
	}

}
