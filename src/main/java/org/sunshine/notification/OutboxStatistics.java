package org.sunshine.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.sunshine.subscription.Channel;

/** Figures about the outbox for health and metrics: counts only, never a message. */
@Component
class OutboxStatistics {

	private final JdbcClient jdbc;

	OutboxStatistics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param backlog messages not yet sent nor given up on (held ones included)
	 * @param due of those, the ones that should be leaving now
	 * @param oldestDueAge how long the longest-waiting due message has waited (zero when none is due)
	 * @param uncertain interrupted SMS not yet settled with the provider
	 * @param failed messages given up on
	 */
	record Figures(long backlog, long due, Duration oldestDueAge, long uncertain, long failed) {
	}

	Figures figures(Instant now) {
		OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
		// A first attempt waits from when it became due (quiet hours hold some); a retried one from when it was queued.
		return jdbc.sql("""
				select
				  count(case when status in ('PENDING', 'CLAIMED', 'SENDING', 'UNCERTAIN') then 1 end),
				  count(case when status in ('CLAIMED', 'SENDING') or (status = 'PENDING' and next_attempt_at <= :now) then 1 end),
				  min(case when status in ('CLAIMED', 'SENDING') or (status = 'PENDING' and next_attempt_at <= :now)
				      then case when attempts = 0 then next_attempt_at else created_at end end),
				  count(case when status = 'UNCERTAIN' then 1 end),
				  count(case when status = 'FAILED' then 1 end)
				from notification""")
			.param("now", at)
			.query((rs, row) -> {
				OffsetDateTime oldest = rs.getObject(3, OffsetDateTime.class);
				Duration age = oldest == null || oldest.toInstant().isAfter(now) ? Duration.ZERO
						: Duration.between(oldest.toInstant(), now);
				return new Figures(rs.getLong(1), rs.getLong(2), age, rs.getLong(4), rs.getLong(5));
			})
			.single();
	}

	/** Messages per channel waiting to be tried again after a provider's error. */
	Map<Channel, Long> retrying() {
		Map<String, Long> counts = jdbc.sql("""
				select channel, count(*) from notification where status = 'PENDING' and attempts > 0 group by channel""")
			.query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		return java.util.Arrays.stream(Channel.values())
			.collect(Collectors.toMap(channel -> channel, channel -> counts.getOrDefault(channel.name(), 0L)));
	}

}
