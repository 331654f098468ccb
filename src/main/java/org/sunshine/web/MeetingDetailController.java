package org.sunshine.web;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.sunshine.meeting.AgendaItem;
import org.sunshine.meeting.Meeting;
import org.sunshine.meeting.MeetingStatus;
import org.sunshine.meeting.MeetingTimes;
import org.sunshine.meeting.Meetings;
import org.sunshine.subscription.Follow;
import org.sunshine.subscription.InvalidLinkException;
import org.sunshine.subscription.NewSubscription;
import org.sunshine.subscription.Subscriptions;
import org.sunshine.system.NotFoundException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code /meetings/{id}}: one meeting, its items and documents, calendar links, and a form to follow its body
 * or the meeting itself. Reached through a subscriber's link ({@code /s/{token}/meetings/{id}}) it adds their
 * private calendar and follows with one press, without a new sign-up.
 */
@Controller
class MeetingDetailController {

	private final Meetings meetings;

	private final Subscriptions subscriptions;

	private final FormErrors errors;

	MeetingDetailController(Meetings meetings, Subscriptions subscriptions, FormErrors errors) {
		this.meetings = meetings;
		this.subscriptions = subscriptions;
		this.errors = errors;
	}

	/** What the page shows of a meeting; sections for other features (e.g. groups calling people) go below the items. */
	record MeetingPage(long id, String feedId, String jurisdiction, String body, String title, String when,
			String location, boolean special, boolean moved, boolean cancelled, String link, List<ItemView> items) {
	}

	record ItemView(String label, String matterId, List<DocumentView> documents) {
	}

	record DocumentView(String title, String url) {
	}

	/** The follow form as posted: who, how, and whether the body or this meeting. */
	record FollowForm(String email, String phone, String language, String follow) {

		Follow follow(Meeting meeting) {
			return "meeting".equals(follow) ? Follow.meeting(meeting.id()) : Follow.body(meeting.feedId(), meeting.body());
		}

		@Override
		public String toString() {
			return "FollowForm[follow=" + follow + "]";
		}

	}

	@GetMapping("/meetings/{id}")
	String page(@PathVariable long id, Model model, Locale locale) {
		return page(meeting(id), null, new FollowForm(null, null, locale.getLanguage(), "body"), model, locale);
	}

	@GetMapping("/s/{token}/meetings/{id}")
	String subscriberPage(@PathVariable String token, @PathVariable long id, Model model, Locale locale) {
		subscriptions.byToken(token).orElseThrow(InvalidLinkException::new);
		return page(meeting(id), token, new FollowForm(null, null, locale.getLanguage(), "body"), model, locale);
	}

	@PostMapping("/meetings/{id}/follow")
	String follow(@PathVariable long id, @ModelAttribute FollowForm form, Model model, HttpServletRequest request,
			jakarta.servlet.http.HttpServletResponse response, Locale locale) {
		Meeting meeting = meeting(id);
		NewSubscription signup = new NewSubscription(form.email(), form.phone(), form.language(), List.of(), List.of(),
				"immediate", null, null, null, null, "web meeting " + id);
		if (!errors.tryCall(() -> subscriptions.subscribe(signup, form.follow(meeting), request.getRemoteAddr()), model,
				response, locale)) {
			return page(meeting, null, form, model, locale);
		}
		model.addAttribute("email", form.email() != null && !form.email().isBlank());
		model.addAttribute("sms", form.phone() != null && !form.phone().isBlank());
		return "subscribed";
	}

	@PostMapping("/s/{token}/meetings/{id}/follow")
	String followAsSubscriber(@PathVariable String token, @PathVariable long id, @ModelAttribute FollowForm form,
			Model model, Locale locale) {
		Meeting meeting = meeting(id);
		subscriptions.follow(token, form.follow(meeting));
		model.addAttribute("followed", form.follow());
		return page(meeting, token, form, model, locale);
	}

	/** The follow form shown again as it was posted (its token had gone stale). */
	String reshow(long id, FollowForm form, Model model, Locale locale) {
		return page(meeting(id), null, form, model, locale);
	}

	/** No such meeting, or a subscriber link that no longer works: the page-not-found page, in the page's language. */
	@ExceptionHandler({ NotFoundException.class, InvalidLinkException.class })
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(Model model) {
		model.addAttribute("status", 404);
		return "error";
	}

	private String page(Meeting meeting, String token, FollowForm form, Model model, Locale locale) {
		model.addAttribute("meeting", view(meeting, locale.getLanguage()));
		model.addAttribute("token", token);
		model.addAttribute("form", form);
		if (token != null) {
			model.addAttribute("follows", subscriptions.follows(token));
		}
		return "meeting";
	}

	private Meeting meeting(long id) {
		return meetings.find(id).orElseThrow(() -> new NotFoundException("meeting " + id));
	}

	static MeetingPage view(Meeting meeting, String language) {
		List<ItemView> items = meeting.items().stream().map(MeetingDetailController::item).toList();
		return new MeetingPage(meeting.id(), meeting.feedId(), meeting.jurisdiction(), meeting.body(),
				meeting.title() == null || meeting.title().equalsIgnoreCase(meeting.body()) ? null : meeting.title(),
				MeetingTimes.format(meeting.start(), meeting.zone(), language), meeting.location(), meeting.isSpecial(),
				meeting.status() == MeetingStatus.RESCHEDULED, meeting.status() == MeetingStatus.CANCELLED,
				meeting.link(), items);
	}

	private static ItemView item(AgendaItem item) {
		List<DocumentView> documents = new ArrayList<>();
		for (String url : item.attachments()) {
			documents.add(new DocumentView(documentTitle(url), url));
		}
		return new ItemView(item.label(), item.matterId(), documents);
	}

	/** A document's title as its file name says it ("Staff Report.pdf" gives "Staff Report"), or null if it says nothing. */
	static String documentTitle(String url) {
		try {
			URI uri = URI.create(url.strip());
			String path = uri.getRawPath();
			if (path == null || uri.getRawQuery() != null) {
				return null;
			}
			String name = URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
			name = name.replaceAll("\\.[A-Za-z0-9]{1,5}$", "").replace('_', ' ').strip();
			return name.isEmpty() || !name.codePoints().anyMatch(Character::isLetter) ? null : name;
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

}
