package org.sunshine.web;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.sunshine.feed.FeedAdmin;
import org.sunshine.feed.FeedHealth;
import org.sunshine.notification.OutboxAdmin;
import org.sunshine.subscription.SubscriberStatistics;

/**
 * {@code /admin}: one page, HTTP Basic, readable on a phone: feeds and their health with poll-now, the last
 * refused catalogue edit, the outbox by state with failed and uncertain messages to retry or drop, and how many
 * people Sunshine serves. Counts and reasons only: never an address, a number or a message body.
 */
@Controller
class AdminPageController {

	private final FeedAdmin feeds;

	private final OutboxAdmin outbox;

	private final SubscriberStatistics subscribers;

	private final Clock clock;

	AdminPageController(FeedAdmin feeds, OutboxAdmin outbox, SubscriberStatistics subscribers, Clock clock) {
		this.feeds = feeds;
		this.outbox = outbox;
		this.subscribers = subscribers;
		this.clock = clock;
	}

	@GetMapping("/admin")
	String admin(Model model) {
		List<FeedHealth> health = feeds.health();
		model.addAttribute("feeds", health);
		model.addAttribute("catalogueError", feeds.catalogueError());
		model.addAttribute("outbox", outbox.summary());
		model.addAttribute("counts", subscribers.counts(health.stream().map(FeedHealth::id).toList()));
		return "admin";
	}

	@PostMapping("/admin/feeds/{id}/poll")
	String poll(@PathVariable String id, RedirectAttributes redirect) {
		// A query parameter, not a flash attribute: no server session, so any node can serve the page after.
		FeedHealth after = feeds.pollNow(id);
		redirect.addAttribute("notice", after.consecutiveFailures() == 0 ? "Polled " + id + ": fine."
				: "Polled " + id + ": failed (see its last error).");
		return "redirect:/admin";
	}

	@PostMapping("/admin/outbox/{id}/retry")
	String retry(@PathVariable long id, RedirectAttributes redirect) {
		redirect.addAttribute("notice", outbox.retry(id, clock.instant()) ? "Message " + id + " will be sent again."
				: "Message " + id + " is not failed or uncertain (any more).");
		return "redirect:/admin#outbox";
	}

	@PostMapping("/admin/outbox/{id}/drop")
	String drop(@PathVariable long id, RedirectAttributes redirect) {
		redirect.addAttribute("notice", outbox.drop(id) ? "Message " + id + " dropped."
				: "Message " + id + " is not failed or uncertain (any more).");
		return "redirect:/admin#outbox";
	}

}
