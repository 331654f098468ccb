package org.sunshine.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.sunshine.feed.FeedAdmin;
import org.sunshine.subscription.InvalidLinkException;
import org.sunshine.subscription.LinkOutcome;
import org.sunshine.subscription.Preferences;
import org.sunshine.subscription.SubscriberView;
import org.sunshine.subscription.Subscriptions;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The pages behind the links in our messages: confirm, manage, unsubscribe, export, delete. Every
 * change is a POST; a GET only shows a page, so mail scanners that prefetch links change nothing.
 */
@Controller
@RequestMapping("/s/{token}")
class SubscriberPageController {

	private final Subscriptions subscriptions;

	private final MessageSource messages;

	private final FeedAdmin feeds;

	private final FormErrors errors;

	private final InterestPreview preview;

	SubscriberPageController(Subscriptions subscriptions, MessageSource messages, FeedAdmin feeds, FormErrors errors,
			InterestPreview preview) {
		this.subscriptions = subscriptions;
		this.messages = messages;
		this.feeds = feeds;
		this.errors = errors;
		this.preview = preview;
	}

	record PreferencesForm(String interests, java.util.List<String> feeds, String feedsShown, String language,
			String delivery, String quietFrom, String quietTo, String email, String emailShown, String sms,
			String smsShown, Integer digestHour, java.util.List<String> reminders, String remindersShown,
			String quietShown) {

		Preferences preferences() {
			return new Preferences(new HomeController.SignupForm(null, null, interests, null, null, null).terms(),
					feedsShown == null ? null : feeds == null ? java.util.List.of() : feeds,
					language, delivery, null,
					// Quiet hours are on the page only where texts are on; elsewhere they stay as they are.
					quietShown != null && quietFrom == null ? "" : quietFrom,
					quietShown != null && quietTo == null ? "" : quietTo,
					emailShown == null ? null : email != null, smsShown == null ? null : sms != null, digestHour);
		}

	}

	@GetMapping
	String manage(@PathVariable String token, Model model) {
		return manage(token, subscriber(token), model);
	}

	@PostMapping
	String update(@PathVariable String token, @ModelAttribute PreferencesForm form, Model model,
			HttpServletResponse response, Locale locale) {
		if (errors.tryCall(() -> subscriptions.update(token, form.preferences()), model, response, locale)
				&& (form.remindersShown() == null || errors.tryCall(() -> subscriptions.setReminders(token,
						form.reminders() == null ? java.util.List.of() : form.reminders()), model, response, locale))) {
			model.addAttribute("saved", true);
		}
		return manage(token, subscriber(token), model);
	}

	/**
	 * The form's "preview" button: what the topics as written in the box would be told of now; nothing is saved, and
	 * the box keeps what was written (the rest of the page shows what is saved).
	 */
	@PostMapping(params = "preview")
	String preview(@PathVariable String token, @ModelAttribute PreferencesForm form, Model model,
			HttpServletResponse response, Locale locale) {
		SubscriberView subscriber = subscriber(token);
		List<String> topics = new HomeController.SignupForm(null, null, form.interests(), null, null, null).terms();
		errors.tryCall(() -> preview.show(topics, subscriber.feeds(), model, locale), model, response, locale);
		model.addAttribute("interestsText", form.interests() == null ? "" : form.interests());
		return manage(token, subscriber, model);
	}

	/** Adds (or replaces) the phone for text messages; it gets its own confirmation text, as at sign-up. */
	@PostMapping("/phone")
	String addPhone(@PathVariable String token, @RequestParam(required = false) String phone, Model model,
			HttpServletRequest request, HttpServletResponse response, Locale locale) {
		if (errors.tryCall(() -> subscriptions.addPhone(token, phone, request.getRemoteAddr()), model, response, locale)) {
			model.addAttribute("phoneAdded", true);
		}
		else {
			model.addAttribute("newPhone", phone);
		}
		return manage(token, subscriber(token), model);
	}

	@PostMapping("/phone/remove")
	String removePhone(@PathVariable String token, Model model, HttpServletResponse response, Locale locale) {
		if (errors.tryCall(() -> subscriptions.removePhone(token), model, response, locale)) {
			model.addAttribute("saved", true);
		}
		return manage(token, subscriber(token), model);
	}

	/** Stops following a body or a meeting. */
	@PostMapping("/unfollow")
	String unfollow(@PathVariable String token, @RequestParam(required = false) String feed,
			@RequestParam(required = false) String body, @RequestParam(required = false) Long meeting, Model model) {
		subscriptions.unfollow(token, meeting != null ? org.sunshine.subscription.Follow.meeting(meeting)
				: org.sunshine.subscription.Follow.body(feed, body == null ? "" : body));
		model.addAttribute("saved", true);
		return manage(token, subscriber(token), model);
	}

	@GetMapping("/confirm")
	String confirmPage(@PathVariable String token, Model model) {
		model.addAttribute("subscriber", subscriber(token));
		model.addAttribute("token", token);
		return "confirm";
	}

	@PostMapping("/confirm")
	String confirm(@PathVariable String token, Model model, HttpServletRequest request) {
		LinkOutcome outcome = subscriptions.confirm(token, request.getRemoteAddr());
		model.addAttribute("outcome", outcome);
		model.addAttribute("token", token);
		return "confirm";
	}

	@GetMapping("/unsubscribe")
	String unsubscribePage(@PathVariable String token, Model model) {
		model.addAttribute("subscriber", subscriber(token));
		model.addAttribute("token", token);
		return "unsubscribe";
	}

	/** RFC 8058 one-click (from a mail client, no cookies, no CSRF token) or the page's own buttons. */
	@PostMapping("/unsubscribe")
	Object unsubscribe(@PathVariable String token, @RequestParam(name = "List-Unsubscribe", required = false) String oneClick,
			@RequestParam(required = false) String scope, @RequestParam(required = false) String term, Model model) {
		if ("One-Click".equals(oneClick)) {
			subscriptions.unsubscribe(token, Subscriptions.Scope.EMAIL, null);
			return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("Unsubscribed.");
		}
		Subscriptions.Scope chosen = "term".equals(scope) ? Subscriptions.Scope.TERM : Subscriptions.Scope.EVERYTHING;
		model.addAttribute("outcome", subscriptions.unsubscribe(token, chosen, term));
		model.addAttribute("token", token);
		return "unsubscribe";
	}

	@GetMapping("/export")
	ResponseEntity<Map<String, Object>> export(@PathVariable String token) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"sunshine-my-data.json\"")
			.contentType(MediaType.APPLICATION_JSON)
			.body(subscriptions.export(token));
	}

	@PostMapping("/delete")
	String delete(@PathVariable String token, Model model, Locale locale) {
		subscriptions.delete(token);
		return message(model, locale, "deleted");
	}

	@PostMapping("/rotate")
	String rotate(@PathVariable String token) {
		return "redirect:/s/" + subscriptions.rotate(token) + "?saved";
	}

	@ExceptionHandler(InvalidLinkException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String invalidLink(Model model, Locale locale) {
		return message(model, locale, "invalid");
	}

	/** Reminder choices offered on the manage page, as ISO-8601 durations before the meeting. */
	static final java.util.List<String> REMINDER_CHOICES = java.util.List.of("PT168H", "PT24H", "PT2H", "PT30M");

	private String manage(String token, SubscriberView subscriber, Model model) {
		model.addAttribute("subscriber", subscriber);
		model.addAttribute("reminderChoices", REMINDER_CHOICES);
		model.addAttribute("reminders", subscriber.reminders().stream().map(java.time.Duration::toString).toList());
		model.addAttribute("follows", subscriptions.follows(token));
		model.addAttribute("token", token);
		model.addAttribute("feeds", feeds.names());
		return "manage";
	}

	private SubscriberView subscriber(String token) {
		return subscriptions.byToken(token).orElseThrow(InvalidLinkException::new);
	}

	private String message(Model model, Locale locale, String key) {
		model.addAttribute("title", messages.getMessage(key + ".title", null, locale));
		model.addAttribute("text", messages.getMessage(key + ".text", null, locale));
		return "message";
	}

}
