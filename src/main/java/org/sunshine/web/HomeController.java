package org.sunshine.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.sunshine.feed.FeedAdmin;
import org.sunshine.subscription.NewSubscription;
import org.sunshine.subscription.Subscriptions;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The resident's front page: what Sunshine is for here, and the sign-up form. */
@Controller
class HomeController {

	private final Subscriptions subscriptions;

	private final FeedAdmin feeds;

	private final FormErrors errors;

	private final InterestPreview preview;

	HomeController(Subscriptions subscriptions, FeedAdmin feeds, FormErrors errors, InterestPreview preview) {
		this.subscriptions = subscriptions;
		this.feeds = feeds;
		this.errors = errors;
		this.preview = preview;
	}

	/** The sign-up form as posted; interests come as one text, split on commas and new lines outside "phrases". */
	record SignupForm(String email, String phone, String interests, List<String> feeds, String language,
			String delivery) {

		/** A comma or line break followed by an even number of quotes, so not inside a "phrase". */
		private static final java.util.regex.Pattern OUTSIDE_QUOTES = java.util.regex.Pattern
			.compile("[,\\n\\r]+(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");

		List<String> terms() {
			return interests == null ? List.of()
					: Arrays.stream(OUTSIDE_QUOTES.split(interests)).map(String::strip).filter(t -> !t.isEmpty()).toList();
		}

		@Override
		public String toString() {
			return "SignupForm[interests=" + interests + "]";
		}

	}

	/** A shared sign-up link may pre-fill the topics: {@code /?interests=287(g)&lang=es} (lang also sets the page's language). */
	@GetMapping("/")
	String home(@RequestParam(required = false) String interests, Model model, Locale locale) {
		return form(model, new SignupForm(null, null, interests, List.of(), locale.getLanguage(), "immediate"));
	}

	@PostMapping("/subscribe")
	String subscribe(@ModelAttribute SignupForm form, Model model, HttpServletRequest request,
			HttpServletResponse response, Locale locale) {
		NewSubscription signup = new NewSubscription(form.email(), form.phone(), form.language(), form.terms(),
				form.feeds(), form.delivery(), null, null, null, null, "web");
		if (!errors.tryCall(() -> subscriptions.subscribe(signup, request.getRemoteAddr()), model, response, locale)) {
			return form(model, form);
		}
		model.addAttribute("email", form.email() != null && !form.email().isBlank());
		model.addAttribute("sms", form.phone() != null && !form.phone().isBlank());
		return "subscribed";
	}

	/** The form's "preview" button: what these topics would be told of now, with the form as it was; nothing is stored. */
	@PostMapping(value = "/subscribe", params = "preview")
	String preview(@ModelAttribute SignupForm form, Model model, HttpServletResponse response, Locale locale) {
		errors.tryCall(() -> preview.show(form.terms(), form.feeds(), model, locale), model, response, locale);
		return form(model, form);
	}

	String form(Model model, SignupForm form) {
		model.addAttribute("form", form);
		model.addAttribute("feeds", feeds.names());
		return "index";
	}

}
