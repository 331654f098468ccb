package org.sunshine.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.sunshine.system.HealthStates;

/**
 * The "feeds" health component: UP while no feed has failed for longer than {@code sunshine.feed.alert-after};
 * DEGRADED when some have, DOWN when every feed has (nothing reaches residents). A feed that only failed a few
 * polls is a detail, not a state: sources stumble, and the next poll usually makes up for it.
 */
@Component
class FeedsHealthIndicator implements HealthIndicator {

	private final FeedAdmin feeds;

	private final FeedProperties properties;

	private final Clock clock;

	FeedsHealthIndicator(FeedAdmin feeds, FeedProperties properties, Clock clock) {
		this.feeds = feeds;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public Health health() {
		Instant now = clock.instant();
		Duration alertAfter = properties.feed().alertAfter();
		List<FeedHealth> all = feeds.health();
		Map<String, Object> details = new LinkedHashMap<>();
		long broken = 0;
		for (FeedHealth feed : all) {
			boolean failingTooLong = feed.failingLongerThan(alertAfter, now);
			broken += failingTooLong ? 1 : 0;
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("state", state(feed, failingTooLong, now));
			detail.put("lastSuccessAt", feed.lastSuccessAt() == null ? "never" : feed.lastSuccessAt().toString());
			if (feed.failingSince() != null) {
				detail.put("failingSince", feed.failingSince().toString());
				detail.put("lastError", feed.lastError());
			}
			details.put(feed.id(), detail);
		}
		Health.Builder health = broken == 0 ? Health.up()
				: broken == all.size() ? Health.down() : Health.status(HealthStates.DEGRADED);
		return health.withDetail("alertAfter", alertAfter.toString()).withDetails(details).build();
	}

	private String state(FeedHealth feed, boolean failingTooLong, Instant now) {
		if (failingTooLong) {
			return "failing";
		}
		if (feed.failingSince() != null) {
			return "stumbling";
		}
		if (feed.silentLongerThan(properties.feed().silentAfter(), now)) {
			return "silent";
		}
		return feed.lastSuccessAt() == null ? "not polled yet" : "ok";
	}

}
