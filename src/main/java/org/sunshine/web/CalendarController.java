package org.sunshine.web;

import java.time.Instant;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingCalendar;
import org.sunshine.meeting.MeetingQuery;
import org.sunshine.meeting.Meetings;
import org.sunshine.notification.SubscriberCalendar;
import org.sunshine.subscription.InvalidLinkException;
import org.sunshine.subscription.Subscriptions;

/** Calendar feeds that calendar apps subscribe to: all upcoming meetings, and each subscriber's own. */
@RestController
class CalendarController {

	static final MediaType CALENDAR = MediaType.parseMediaType("text/calendar; charset=UTF-8");

	private final Meetings meetings;

	private final Subscriptions subscriptions;

	private final SubscriberCalendar subscriberCalendar;

	private final java.time.Clock clock;

	private final ListingProperties listing;

	CalendarController(Meetings meetings, Subscriptions subscriptions, SubscriberCalendar subscriberCalendar,
			java.time.Clock clock, ListingProperties listing) {
		this.meetings = meetings;
		this.listing = listing;
		this.subscriptions = subscriptions;
		this.subscriberCalendar = subscriberCalendar;
		this.clock = clock;
	}

	/** The earliest {@code calendar-max-meetings} within {@code calendar-horizon}: calendar apps fetch it all each time. */
	@GetMapping("/meetings.ics")
	ResponseEntity<String> all(@RequestParam(required = false) String feed, @RequestParam(required = false) String body) {
		Instant from = meetings.upcomingFrom();
		List<Meeting> upcoming = meetings.page(new MeetingQuery(from, from.plus(listing.calendarHorizon()), feed, body),
				0, listing.calendarMaxMeetings()).meetings();
		String name = "Public meetings" + (feed == null ? "" : " - " + feed) + (body == null ? "" : " - " + body);
		return ResponseEntity.ok().contentType(CALENDAR).body(MeetingCalendar.publish(name, upcoming, clock.instant()));
	}

	@GetMapping("/meetings/{id}.ics")
	ResponseEntity<String> one(@PathVariable long id) {
		Meeting meeting = meetings.find(id).orElseThrow(InvalidLinkException::new);
		String ics = meeting.status() == org.sunshine.meeting.MeetingStatus.CANCELLED ? MeetingCalendar.cancel(meeting, clock.instant())
				: MeetingCalendar.publish(null, List.of(meeting), clock.instant());
		return ResponseEntity.ok().contentType(CALENDAR)
			.header("Content-Disposition", "attachment; filename=\"meeting-" + id + ".ics\"").body(ics);
	}

	@GetMapping("/s/{token}/calendar.ics")
	ResponseEntity<String> mine(@PathVariable String token) {
		long subscriber = subscriptions.byToken(token).orElseThrow(InvalidLinkException::new).id();
		return ResponseEntity.ok().contentType(CALENDAR).body(subscriberCalendar.ics(subscriber, listing.calendarHorizon(),
				listing.calendarMaxMeetings()));
	}

	@org.springframework.web.bind.annotation.ExceptionHandler(InvalidLinkException.class)
	ResponseEntity<String> invalid() {
		return ResponseEntity.status(404).contentType(MediaType.TEXT_PLAIN).body("This link is not valid.");
	}

}
