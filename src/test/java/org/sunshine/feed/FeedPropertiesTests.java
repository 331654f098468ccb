package org.sunshine.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The iCalendar expansion limits are settings with defaults, bound as the application binds them. */
class FeedPropertiesTests {

	@Test
	void recurrenceLimitsDefaultToHalfAYearAndCanBeSet() {
		FeedProperties.Polling defaults = bind(Map.of()).feed();
		FeedProperties.Polling set = bind(Map.of("sunshine.feed.recurrence-horizon", "30d",
				"sunshine.feed.max-occurrences", "50", "sunshine.feed.max-meetings", "700")).feed();

		assertThat(defaults.recurrenceHorizon()).isEqualTo(Duration.ofDays(180));
		assertThat(defaults.maxOccurrences()).isEqualTo(1000);
		assertThat(defaults.maxMeetings()).isEqualTo(5000);
		assertThat(set.recurrenceHorizon()).isEqualTo(Duration.ofDays(30));
		assertThat(set.maxOccurrences()).isEqualTo(50);
		assertThat(set.maxMeetings()).isEqualTo(700);
	}

	@Test
	void pollBudgetsDefaultToFiveMinutesTwoThousandItemsAndTwoHundredDetailReads() {
		FeedProperties.Polling defaults = bind(Map.of()).feed();
		FeedProperties.Polling set = bind(Map.of("sunshine.feed.poll-budget", "90s", "sunshine.feed.max-items", "10",
				"sunshine.feed.max-detail-reads", "3", "sunshine.feed.reread-after", "6h")).feed();

		assertThat(defaults.pollBudget()).isEqualTo(Duration.ofMinutes(5));
		assertThat(defaults.maxItems()).isEqualTo(2000);
		assertThat(defaults.maxDetailReads()).isEqualTo(200);
		assertThat(defaults.rereadAfter()).isEqualTo(Duration.ofHours(24));
		assertThat(defaults.rereadWithin()).isEqualTo(Duration.ofDays(7));
		assertThat(set.pollBudget()).isEqualTo(Duration.ofSeconds(90));
		assertThat(set.maxItems()).isEqualTo(10);
		assertThat(set.maxDetailReads()).isEqualTo(3);
		assertThat(set.rereadAfter()).isEqualTo(Duration.ofHours(6));
	}

	private static FeedProperties bind(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("sunshine", FeedProperties.class);
	}

}
