package org.sunshine.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.sunshine.feed.FeedAdmin;
import org.sunshine.subscription.NewSubscription;
import org.sunshine.subscription.Subscriptions;
import org.sunshine.system.InvalidFieldException;
import org.sunshine.system.TooManyRequestsException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The resident's front page: what Sunshine is for here, and the sign-up form. */
@Controller
class HomeController {

	private final Subscriptions subscriptions;

	private final FeedAdmin feeds;

	private final MessageSource messages;

	HomeController(Subscriptions subscriptions, FeedAdmin feeds, MessageSource messages) {
		this.subscriptions = subscriptions;
		this.feeds = feeds;
		this.messages = messages;
	}

	/** The sign-up form as posted; interests come as one text, split on commas and new lines. */
	record SignupForm(String email, String phone, String interests, List<String> feeds, String language,
			String delivery) {

		List<String> terms() {
			return interests == null ? List.of()
					: Arrays.stream(interests.split("[,\\n\\r]+")).map(String::strip).filter(t -> !t.isEmpty()).toList();
		}

		@Override
		public String toString() {
			return "SignupForm[interests=" + interests + "]";
		}

	}

	@GetMapping("/")
	String home(Model model, Locale locale) {
		return form(model, new SignupForm(null, null, null, List.of(), locale.getLanguage(), "immediate"));
	}

	@PostMapping("/subscribe")
	String subscribe(@ModelAttribute SignupForm form, Model model, HttpServletRequest request,
			HttpServletResponse response, Locale locale) {
		try {
			subscriptions.subscribe(new NewSubscription(form.email(), form.phone(), form.language(), form.terms(),
					form.feeds(), form.delivery(), null, null, null, null, "web"), request.getRemoteAddr());
		}
		catch (InvalidFieldException e) {
			response.setStatus(400);
			model.addAttribute("field", e.field().replaceAll("\\[\\d+]$", ""));
			model.addAttribute("fieldError", e.getMessage());
			model.addAttribute("error", messages.getMessage("error.title", null, locale) + ": " + e.getMessage());
			return form(model, form);
		}
		catch (TooManyRequestsException e) {
			response.setStatus(429);
			model.addAttribute("error", e.getMessage());
			return form(model, form);
		}
		model.addAttribute("email", form.email() != null && !form.email().isBlank());
		model.addAttribute("sms", form.phone() != null && !form.phone().isBlank());
		return "subscribed";
	}

	private String form(Model model, SignupForm form) {
		model.addAttribute("form", form);
		model.addAttribute("feeds", feeds.names());
		return "index";
	}

}
