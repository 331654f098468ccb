package org.sunshine.feed.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

import net.fortuna.ical4j.data.CalendarParserFactory;
import net.fortuna.ical4j.data.ContentHandlerContext;
import net.fortuna.ical4j.data.DefaultContentHandler;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.data.UnfoldingReader;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.ComponentList;
import net.fortuna.ical4j.model.PropertyList;

/**
 * Parses iCalendar as {@code CalendarBuilder} does, but without the file's VTIMEZONE components. ical4j's builder
 * turns each VTIMEZONE into zone rules by expanding its observances' RRULEs from their DTSTART until today, so a
 * 400-byte file with {@code RRULE:FREQ=SECONDLY} exhausts the heap before any event is read; it also registers a
 * JVM-wide zone rules provider on every parse. Here VTIMEZONE is skipped as it is parsed and TZIDs are resolved by
 * {@link CalendarZones}.
 */
final class CalendarParsing {

	private CalendarParsing() {
	}

	static Calendar parse(InputStream in, ZoneId feedZone) throws IOException, ParserException {
		WithoutTimeZones handler = new WithoutTimeZones(new CalendarZones(feedZone));
		CalendarParserFactory.getInstance().get()
			.parse(new UnfoldingReader(new InputStreamReader(in, StandardCharsets.UTF_8)), handler);
		if (handler.calendar == null) {
			throw new ParserException("no END:VCALENDAR", 0);
		}
		return handler.calendar;
	}

	/** ical4j's handler, deaf to everything inside a VTIMEZONE. */
	private static final class WithoutTimeZones extends DefaultContentHandler {

		private int timeZoneDepth;

		private Calendar calendar;

		WithoutTimeZones(CalendarZones zones) {
			super(calendar -> {
			}, zones, new ContentHandlerContext());
		}

		@Override
		public void startComponent(String name) {
			if (timeZoneDepth > 0 || Component.VTIMEZONE.equalsIgnoreCase(name)) {
				timeZoneDepth++;
				return;
			}
			super.startComponent(name);
		}

		@Override
		public void endComponent(String name) {
			if (timeZoneDepth > 0) {
				timeZoneDepth--;
				return;
			}
			super.endComponent(name);
		}

		@Override
		public void startProperty(String name) {
			if (timeZoneDepth == 0) {
				super.startProperty(name);
			}
		}

		@Override
		public void propertyValue(String value) {
			if (timeZoneDepth == 0) {
				super.propertyValue(value);
			}
		}

		@Override
		public void parameter(String name, String value) {
			if (timeZoneDepth == 0) {
				super.parameter(name, value);
			}
		}

		@Override
		public void endProperty(String name) {
			if (timeZoneDepth == 0) {
				super.endProperty(name);
			}
		}

		/** As ical4j's, without registering this parse's zones as a JVM-wide {@code ZoneRulesProvider}. */
		@Override
		public void endCalendar() {
			calendar = new Calendar(new PropertyList(calendarProperties), new ComponentList<>(calendarComponents));
		}

	}

}
