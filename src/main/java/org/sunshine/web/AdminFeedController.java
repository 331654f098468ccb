package org.sunshine.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.sunshine.feed.FeedAdmin;
import org.sunshine.feed.FeedHealth;

/** Feed health and poll-now for admins, behind HTTP Basic. */
@RestController
@RequestMapping("/api/admin/feeds")
class AdminFeedController {

	private final FeedAdmin feeds;

	AdminFeedController(FeedAdmin feeds) {
		this.feeds = feeds;
	}

	record FeedHealthResponse(String id, String name, String type, String url, String timezone, String schedule,
			String lastPollAt, String lastSuccessAt, String lastError, String lastErrorAt, long polls, long failures,
			int consecutiveFailures, int meetings, long changes, String status, String warning) {
	}

	@GetMapping
	List<FeedHealthResponse> feeds() {
		return feeds.health().stream().map(AdminFeedController::response).toList();
	}

	@PostMapping("/{id}/poll")
	FeedHealthResponse poll(@PathVariable String id) {
		return response(feeds.pollNow(id));
	}

	private static FeedHealthResponse response(FeedHealth health) {
		String status = health.lastPollAt() == null ? "never-polled"
				: health.consecutiveFailures() > 0 ? "failing" : "ok";
		return new FeedHealthResponse(health.id(), health.name(), health.type(), health.url(), health.timezone(),
				health.schedule(), JsonTimes.utc(health.lastPollAt()), JsonTimes.utc(health.lastSuccessAt()),
				health.lastError(), JsonTimes.utc(health.lastErrorAt()), health.polls(), health.failures(),
				health.consecutiveFailures(), health.meetings(), health.changes(), status, health.warning());
	}

}
