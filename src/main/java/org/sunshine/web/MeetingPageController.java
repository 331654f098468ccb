package org.sunshine.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.sunshine.meeting.Meetings;

/** {@code /meetings}: upcoming meetings and their agenda items, in plain HTML, each linking to its own page. */
@Controller
class MeetingPageController {

	private final Meetings meetings;

	MeetingPageController(Meetings meetings) {
		this.meetings = meetings;
	}

	@GetMapping("/meetings")
	String meetings(@RequestParam(required = false) String q, @RequestParam(required = false) String feed, Model model,
			Locale locale) {
		Instant from = meetings.upcomingFrom();
		List<MeetingDetailController.MeetingPage> rows = meetings.find(from, from.plus(Duration.ofDays(90)), feed, q).stream()
			.map(meeting -> MeetingDetailController.view(meeting, locale.getLanguage()))
			.toList();
		model.addAttribute("meetings", rows);
		model.addAttribute("q", q);
		return "meetings";
	}

}
