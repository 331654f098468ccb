package org.sunshine.subscription;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Subscribers, contact points and interests. */
@Repository
class SubscriberRepository {

	private final JdbcClient jdbc;

	SubscriberRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Created(long id, String publicId) {
	}

	Created insertSubscriber(SubscriptionValidator.Valid valid, Instant now) {
		String publicId = UUID.randomUUID().toString();
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into subscriber (public_id, language, timezone, delivery, reminders, quiet_from, quiet_to, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(publicId, valid.language(), valid.zone() == null ? "" : valid.zone().getId(),
					valid.delivery().name(), String.join(",", valid.reminders().stream().map(Duration::toString).toList()),
					valid.quietFrom() == null ? null : valid.quietFrom().toString(),
					valid.quietTo() == null ? null : valid.quietTo().toString(), now.atOffset(ZoneOffset.UTC))
			.update(keys, "id");
		return new Created(keys.getKey().longValue(), publicId);
	}

	void insertContactPoint(long subscriberId, Channel channel, String address, Consent consent, String method,
			String source, Instant now) {
		jdbc.sql("""
				insert into contact_point (subscriber_id, channel, address, consent, consent_at, consent_method,
				    consent_source, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(subscriberId, channel.name(), address, consent.name(),
					consent == Consent.CONFIRMED ? now.atOffset(ZoneOffset.UTC) : null, method, source,
					now.atOffset(ZoneOffset.UTC))
			.update();
	}

	void insertInterest(long subscriberId, List<String> terms, List<String> feeds, Instant now) {
		jdbc.sql("insert into interest (subscriber_id, terms, feeds, created_at) values (?, ?, ?, ?)")
			.params(subscriberId, String.join("\n", terms), String.join(",", feeds), now.atOffset(ZoneOffset.UTC))
			.update();
	}

	/** Interests of subscribers that have at least one confirmed contact point. */
	List<Interest> activeInterests() {
		return jdbc.sql("""
				select i.id, i.subscriber_id, i.terms, i.feeds from interest i
				where exists (select 1 from contact_point c where c.subscriber_id = i.subscriber_id and c.consent = 'CONFIRMED')
				order by i.id""")
			.query((rs, row) -> new Interest(rs.getLong(1), rs.getLong(2), split(rs.getString(3), "\n"),
					split(rs.getString(4), ",")))
			.list();
	}

	/** Changes whenever the set of active interests may have changed; matching reloads its index then. */
	String interestVersion() {
		return jdbc.sql("""
				select count(*) || ':' || coalesce(max(i.id), 0) || ':' ||
				    (select count(*) from contact_point where consent = 'CONFIRMED') from interest i""")
			.query(String.class).single();
	}

	Optional<Recipient> recipient(long subscriberId) {
		List<ContactPoint> points = jdbc.sql("select id, channel, address, consent from contact_point where subscriber_id = ? order by id")
			.param(subscriberId)
			.query((rs, row) -> new ContactPoint(rs.getLong(1), Channel.valueOf(rs.getString(2)), rs.getString(3),
					Consent.valueOf(rs.getString(4))))
			.list();
		return jdbc.sql("select * from subscriber where id = ?").param(subscriberId)
			.query((rs, row) -> new Recipient(rs.getLong("id"), rs.getString("public_id"), rs.getString("language"),
					zone(rs.getString("timezone")), Delivery.valueOf(rs.getString("delivery")),
					split(rs.getString("reminders"), ",").stream().map(Duration::parse).toList(),
					time(rs.getString("quiet_from")), time(rs.getString("quiet_to")), points))
			.optional();
	}

	private static List<String> split(String joined, String separator) {
		return joined == null || joined.isBlank() ? List.of()
				: Arrays.stream(joined.split(separator)).filter(part -> !part.isBlank()).toList();
	}

	private static ZoneId zone(String value) {
		return value == null || value.isBlank() ? null : ZoneId.of(value);
	}

	private static LocalTime time(String value) {
		return value == null ? null : LocalTime.parse(value);
	}

}
