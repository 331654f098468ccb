package org.sunshine.subscription;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** How many people Sunshine serves, for admins: counts only, never who; and who follows a feed, by id. */
@Service
public class SubscriberStatistics {

	private final JdbcClient jdbc;

	SubscriberStatistics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param subscribers everyone signed up, confirmed or not
	 * @param confirmedContactPoints confirmed contact points per channel ("EMAIL", "SMS")
	 * @param followersPerFeed per feed id: subscribers with a confirmed contact point whose interests cover the
	 *        feed (an interest naming no feed covers them all)
	 */
	public record Counts(long subscribers, Map<String, Long> confirmedContactPoints, Map<String, Long> followersPerFeed) {
	}

	public Counts counts(List<String> feedIds) {
		long subscribers = jdbc.sql("select count(*) from subscriber").query(Long.class).single();
		Map<String, Long> confirmed = new LinkedHashMap<>();
		for (Channel channel : Channel.values()) {
			confirmed.put(channel.name(), 0L);
		}
		jdbc.sql("select channel, count(*) from contact_point where consent = 'CONFIRMED' group by channel")
			.query((rs, row) -> confirmed.put(rs.getString(1), rs.getLong(2))).list();
		Map<String, Long> followers = new LinkedHashMap<>();
		for (String feedId : feedIds) {
			followers.put(feedId, followersOf(feedId));
		}
		return new Counts(subscribers, confirmed, followers);
	}

	/**
	 * Ids of the subscribers with a confirmed contact point whose interests cover the feed, for service notices
	 * about it (the feed is failing: alerts may be late).
	 */
	public List<Long> followerIds(String feedId) {
		return jdbc.sql("""
				select distinct i.subscriber_id from interest i
				where (i.feeds is null or i.feeds = '' or concat(',', i.feeds, ',') like ?)
				  and exists (select 1 from contact_point c where c.subscriber_id = i.subscriber_id and c.consent = 'CONFIRMED')
				order by i.subscriber_id""")
			.param("%," + feedId + ",%")
			.query(Long.class).list();
	}

	private long followersOf(String feedId) {
		return jdbc.sql("""
				select count(distinct i.subscriber_id) from interest i
				where (i.feeds is null or i.feeds = '' or concat(',', i.feeds, ',') like ?)
				  and exists (select 1 from contact_point c where c.subscriber_id = i.subscriber_id and c.consent = 'CONFIRMED')""")
			.param("%," + feedId + ",%")
			.query(Long.class).single();
	}

}
