package org.sunshine.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.sunshine.feed.FeedAdmin;
import org.sunshine.subscription.NewSubscription;
import org.sunshine.subscription.Subscriptions;
import org.sunshine.system.InvalidFieldException;

import jakarta.servlet.http.HttpServletRequest;

/** {@code POST /api/subscriptions}: sign up by API. */
@RestController
@RequestMapping("/api/subscriptions")
class SubscriptionApiController {

	private final Subscriptions subscriptions;

	private final FeedAdmin feeds;

	SubscriptionApiController(Subscriptions subscriptions, FeedAdmin feeds) {
		this.subscriptions = subscriptions;
		this.feeds = feeds;
	}

	record QuietHours(String from, String to) {
	}

	record SubscriptionRequest(String email, String phone, String language, List<String> interests,
			List<String> feeds, String delivery, List<String> reminders, String timezone, QuietHours quietHours) {

		@Override
		public String toString() {
			return "SubscriptionRequest[language=" + language + ", interests=" + interests + "]";
		}

	}

	@PostMapping
	@ResponseStatus(HttpStatus.ACCEPTED)
	Subscriptions.Subscribed subscribe(@RequestBody SubscriptionRequest request, HttpServletRequest http) {
		if (request.feeds() != null) {
			for (int i = 0; i < request.feeds().size(); i++) {
				if (!feeds.exists(request.feeds().get(i))) {
					throw new InvalidFieldException("feeds[" + i + "]", "no feed '" + request.feeds().get(i) + "'");
				}
			}
		}
		QuietHours quiet = request.quietHours();
		return subscriptions.subscribe(new NewSubscription(request.email(), request.phone(), request.language(),
				request.interests(), request.feeds(), request.delivery(), request.reminders(), request.timezone(),
				quiet == null ? null : quiet.from(), quiet == null ? null : quiet.to(), "api"), http.getRemoteAddr());
	}

}
