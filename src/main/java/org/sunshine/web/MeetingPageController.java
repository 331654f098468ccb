package org.sunshine.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.sunshine.language.InterestSyntaxException;
import org.sunshine.matching.MeetingSearch;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.Meetings;

import jakarta.servlet.http.HttpServletResponse;

/** {@code /meetings}: upcoming meetings and their agenda items, in plain HTML, each linking to its own page. */
@Controller
class MeetingPageController {

	private final Meetings meetings;

	private final MeetingSearch search;

	MeetingPageController(Meetings meetings, MeetingSearch search) {
		this.meetings = meetings;
		this.search = search;
	}

	@GetMapping("/meetings")
	String meetings(@RequestParam(required = false) String q, @RequestParam(required = false) String feed, Model model,
			Locale locale, HttpServletResponse response) {
		Instant from = meetings.upcomingFrom();
		List<Meeting> found;
		try {
			found = search.filter(meetings.find(from, from.plus(Duration.ofDays(90)), feed, null), q);
		}
		catch (InterestSyntaxException e) {
			response.setStatus(400);
			model.addAttribute("searchError", e.position());
			found = List.of();
		}
		List<MeetingDetailController.MeetingPage> rows = found.stream()
			.map(meeting -> MeetingDetailController.view(meeting, locale.getLanguage()))
			.toList();
		model.addAttribute("meetings", rows);
		model.addAttribute("q", q);
		return "meetings";
	}

}
