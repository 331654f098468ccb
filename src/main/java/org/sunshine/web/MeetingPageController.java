package org.sunshine.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import org.sunshine.language.InterestSyntaxException;
import org.sunshine.matching.MeetingSearch;
import org.sunshine.meeting.MeetingPage;
import org.sunshine.meeting.MeetingQuery;
import org.sunshine.meeting.Meetings;

import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /meetings}: upcoming meetings and their agenda items, in plain HTML, each linking to its own page;
 * {@code page-size} at a time, with links to the earlier and later pages ({@code ?page=2}). A search reads the
 * interest language and finds what an alert with the same words would have matched.
 */
@Controller
class MeetingPageController {

	private static final Duration SPAN = Duration.ofDays(90);

	private final Meetings meetings;

	private final MeetingSearch search;

	private final ListingProperties listing;

	MeetingPageController(Meetings meetings, MeetingSearch search, ListingProperties listing) {
		this.meetings = meetings;
		this.search = search;
		this.listing = listing;
	}

	@GetMapping("/meetings")
	String meetings(@RequestParam(required = false) String q, @RequestParam(required = false) String feed,
			@RequestParam(required = false) String page, Model model, Locale locale, HttpServletResponse response) {
		int number = pageNumber(page);
		Instant from = meetings.upcomingFrom();
		MeetingPage found;
		try {
			found = meetings.page(new MeetingQuery(from, from.plus(SPAN), feed, null),
					(number - 1) * listing.pageSize(), listing.pageSize(), candidates -> search.filter(candidates, q));
		}
		catch (InterestSyntaxException e) {
			response.setStatus(400);
			model.addAttribute("searchError", e.position());
			found = new MeetingPage(List.of(), null);
		}
		List<MeetingDetailController.MeetingPage> rows = found.meetings().stream()
			.map(meeting -> MeetingDetailController.view(meeting, locale.getLanguage()))
			.toList();
		model.addAttribute("meetings", rows);
		model.addAttribute("q", q);
		model.addAttribute("previousPage", number > 1 ? link(q, feed, number - 1) : null);
		model.addAttribute("nextPage", found.hasNext() ? link(q, feed, number + 1) : null);
		return "meetings";
	}

	/** A page number as a person might type it: anything that is not one shows the first page. */
	private int pageNumber(String page) {
		int last = Integer.MAX_VALUE / listing.pageSize();
		try {
			return page == null ? 1 : Math.max(1, Math.min(last, Integer.parseInt(page.strip())));
		}
		catch (NumberFormatException e) {
			return 1;
		}
	}

	private static String link(String q, String feed, int page) {
		return UriComponentsBuilder.fromPath("/meetings")
			.queryParamIfPresent("q", Optional.ofNullable(q).filter(value -> !value.isBlank()))
			.queryParamIfPresent("feed", Optional.ofNullable(feed).filter(value -> !value.isBlank()))
			.queryParam("page", page)
			.encode()
			.build()
			.toUriString();
	}

}
