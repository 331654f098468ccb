package org.sunshine.web;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.sunshine.meeting.AgendaItem;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.Meetings;

/** {@code /meetings}: upcoming meetings and their agenda items, in plain HTML. */
@Controller
class MeetingPageController {

	private final Meetings meetings;

	MeetingPageController(Meetings meetings) {
		this.meetings = meetings;
	}

	record MeetingRow(String jurisdiction, String body, String title, String when, String location, String status,
			String link, List<AgendaItem> items) {
	}

	@GetMapping("/meetings")
	String meetings(@RequestParam(required = false) String q, @RequestParam(required = false) String feed, Model model,
			Locale locale) {
		Instant from = meetings.upcomingFrom();
		DateTimeFormatter format = DateTimeFormatter.ofPattern("EEE, MMM d, yyyy, h:mm a z", locale);
		List<MeetingRow> rows = meetings.find(from, from.plus(Duration.ofDays(90)), feed, q).stream()
			.map(meeting -> row(meeting, format))
			.toList();
		model.addAttribute("meetings", rows);
		model.addAttribute("q", q);
		return "meetings";
	}

	private static MeetingRow row(Meeting meeting, DateTimeFormatter format) {
		return new MeetingRow(meeting.jurisdiction(), meeting.body(), meeting.title(), format.format(meeting.localStart()),
				meeting.location(), meeting.status().name().toLowerCase(), meeting.link(), meeting.items());
	}

}
