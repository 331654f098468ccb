package org.sunshine.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.sunshine.MutableClock;
import org.sunshine.system.HealthStates;

class FeedsHealthIndicatorTests {

	static final Instant NOW = Instant.parse("2025-07-03T14:00:00Z");

	final FeedAdmin admin = mock(FeedAdmin.class);

	final FeedsHealthIndicator indicator = new FeedsHealthIndicator(admin, properties(), new MutableClock(NOW));

	@Test
	void upWhileNoFeedHasFailedForADay() {
		when(admin.health()).thenReturn(List.of(fine("key-west"), failingSince("miami", NOW.minus(Duration.ofHours(23)))));
		Health health = indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(state(health, "miami")).isEqualTo("stumbling");
		assertThat(state(health, "key-west")).isEqualTo("ok");
	}

	@Test
	void degradedWhenOneFeedHasFailedLongerThanAlertAfter() {
		when(admin.health()).thenReturn(List.of(fine("key-west"), failingSince("miami", NOW.minus(Duration.ofHours(25)))));
		Health health = indicator.health();
		assertThat(health.getStatus()).isEqualTo(HealthStates.DEGRADED);
		assertThat(state(health, "miami")).isEqualTo("failing");
		assertThat(((Map<?, ?>) health.getDetails().get("miami")).get("lastError")).isEqualTo("ConnectException");
	}

	@Test
	void downWhenEveryFeedHas() {
		when(admin.health()).thenReturn(List.of(failingSince("miami", NOW.minus(Duration.ofDays(3)))));
		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void aSilentFeedIsShownButNotUnhealthy() {
		FeedHealth silent = health("key-west", null, NOW.minus(Duration.ofDays(15)));
		when(admin.health()).thenReturn(List.of(silent));
		Health health = indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(state(health, "key-west")).isEqualTo("silent");
	}

	private static String state(Health health, String feed) {
		return (String) ((Map<?, ?>) health.getDetails().get(feed)).get("state");
	}

	static FeedHealth fine(String id) {
		return health(id, null, NOW.minus(Duration.ofDays(1)));
	}

	static FeedHealth failingSince(String id, Instant since) {
		return health(id, since, since.minus(Duration.ofDays(1)));
	}

	static FeedHealth health(String id, Instant failingSince, Instant lastNewAt) {
		return new FeedHealth(id, id, "legistar", "https://example.org", "America/New_York", "every PT15M", NOW,
				failingSince == null ? NOW : failingSince.minusSeconds(900), failingSince == null ? null : "ConnectException",
				failingSince == null ? null : NOW, 10, failingSince == null ? 0 : 5, failingSince == null ? 0 : 5, 1, 3,
				failingSince, lastNewAt, null);
	}

	static FeedProperties properties() {
		return new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("sunshine", FeedProperties.class);
	}

}
