package org.sunshine.subscription;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.sunshine.system.Databases;
import org.sunshine.system.crypto.ContactCipher;

/** Subscribers, contact points and interests. */
@Repository
class SubscriberRepository {

	private final JdbcClient jdbc;

	private final ContactCipher cipher;

	/**
	 * Recipients are read this many at a time. H2 tests every row an index gives it against the whole list of
	 * bound ids, one by one: at 1,000 ids that was a sixth of planning a 10,000-recipient alert there, while on
	 * PostgreSQL (which hashes the list) 250 at a time cost more round trips than it saved.
	 */
	private final int recipientChunk;

	SubscriberRepository(JdbcClient jdbc, ContactCipher cipher, DataSource dataSource) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.recipientChunk = Databases.isPostgres(dataSource) ? 1_000 : 250;
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
					valid.quietTo() == null ? null : valid.quietTo().toString(), utc(now))
			.update(keys, "id");
		return new Created(keys.getKey().longValue(), publicId);
	}

	long insertContactPoint(long subscriberId, Channel channel, String address, String requestedSource, Instant now) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into contact_point (subscriber_id, channel, address, address_hash, consent, requested_source, created_at)
				values (?, ?, ?, ?, 'PENDING', ?, ?)""")
			.params(subscriberId, channel.name(), cipher.seal(address), cipher.lookup(address), cipher.seal(requestedSource),
					utc(now))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	void insertInterest(long subscriberId, List<String> terms, List<String> feeds, Instant now) {
		jdbc.sql("insert into interest (subscriber_id, terms, feeds, created_at, updated_at) values (?, ?, ?, ?, ?)")
			.params(subscriberId, String.join("\n", terms), String.join(",", feeds), utc(now), utc(now))
			.update();
		journal(subscriberId, now);
	}

	private static final String ACTIVE_INTERESTS = """
			select i.id, i.subscriber_id, i.terms, i.feeds, i.body, i.meeting_id from interest i
			where exists (select 1 from contact_point c where c.subscriber_id = i.subscriber_id and c.consent = 'CONFIRMED')
			""";

	/** Interests of subscribers that have at least one confirmed contact point. */
	List<Interest> activeInterests() {
		return jdbc.sql(ACTIVE_INTERESTS + "order by i.id").query(SubscriberRepository::interest).list();
	}

	/** {@link #activeInterests()} of these subscribers only, read a thousand subscribers at a time. */
	List<Interest> activeInterestsOf(Collection<Long> subscriberIds) {
		List<Long> ids = List.copyOf(subscriberIds);
		List<Interest> interests = new ArrayList<>();
		for (int from = 0; from < ids.size(); from += 1_000) {
			interests.addAll(jdbc.sql(ACTIVE_INTERESTS + "and i.subscriber_id in (:ids) order by i.id")
				.param("ids", ids.subList(from, Math.min(from + 1_000, ids.size())))
				.query(SubscriberRepository::interest).list());
		}
		return interests;
	}

	private static Interest interest(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Interest(rs.getLong(1), rs.getLong(2), split(rs.getString(3), "\n"), split(rs.getString(4), ","),
				rs.getString(5), rs.getObject(6) == null ? null : rs.getLong(6));
	}

	/** Notes in the journal, in the caller's transaction, that the subscriber's active interests may have changed. */
	void journal(long subscriberId, Instant now) {
		jdbc.sql("insert into interest_change (subscriber_id, changed_at) values (?, ?)").params(subscriberId, utc(now))
			.update();
	}

	/** The journal's first and last seq (0 and 0 while it is empty). */
	ActiveInterests.InterestJournal interestJournal() {
		return jdbc.sql("select coalesce(min(seq), 0), coalesce(max(seq), 0) from interest_change")
			.query((rs, row) -> new ActiveInterests.InterestJournal(rs.getLong(1), rs.getLong(2))).single();
	}

	/** The journal's rows after {@code seq}, and those of {@code alsoSeqs} (seqs a node saw missing before). */
	List<ActiveInterests.InterestChange> interestChangesSince(long seq, Collection<Long> alsoSeqs) {
		String also = alsoSeqs.isEmpty() ? "" : " or seq in (:also)";
		var statement = jdbc.sql("select seq, subscriber_id from interest_change where seq > :seq" + also + " order by seq")
			.param("seq", seq);
		if (!alsoSeqs.isEmpty()) {
			statement = statement.param("also", List.copyOf(alsoSeqs));
		}
		return statement.query((rs, row) -> new ActiveInterests.InterestChange(rs.getLong(1), rs.getLong(2))).list();
	}

	/** Drops journal rows older than {@code before}, always keeping the newest (nodes compare their last seq to it). */
	int pruneJournal(Instant before) {
		return jdbc.sql("""
				delete from interest_change where changed_at < ?
				and seq < (select max(seq) from interest_change)""").param(utc(before)).update();
	}

	/** Follows a body or one meeting: an interest with no terms. */
	void insertFollow(long subscriberId, Follow follow, Instant now) {
		jdbc.sql("""
				insert into interest (subscriber_id, terms, feeds, body, meeting_id, created_at, updated_at)
				values (?, '', ?, ?, ?, ?, ?)""")
			.params(subscriberId, follow.feedId() == null ? "" : follow.feedId(), follow.body(), follow.meetingId(), utc(now),
					utc(now))
			.update();
		journal(subscriberId, now);
	}

	/** The bodies and meetings a subscriber follows. */
	List<Follow> follows(long subscriberId) {
		return jdbc.sql("select feeds, body, meeting_id from interest where subscriber_id = ? and (body is not null or meeting_id is not null) order by id")
			.param(subscriberId)
			.query((rs, row) -> new Follow(blankToNull(rs.getString(1)), rs.getString(2),
					rs.getObject(3) == null ? null : rs.getLong(3)))
			.list();
	}

	void deleteFollow(long subscriberId, Follow follow, Instant now) {
		journal(subscriberId, now);
		if (follow.meetingId() != null) {
			jdbc.sql("delete from interest where subscriber_id = ? and meeting_id = ?").params(subscriberId, follow.meetingId())
				.update();
		}
		else {
			jdbc.sql("delete from interest where subscriber_id = ? and body = ? and meeting_id is null")
				.params(subscriberId, follow.body()).update();
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	Optional<Recipient> recipient(long subscriberId) {
		List<ContactPoint> points = contactPoints(subscriberId);
		return jdbc.sql("select * from subscriber where id = ?").param(subscriberId)
			.query((rs, row) -> new Recipient(rs.getLong("id"), rs.getString("public_id"), rs.getString("language"),
					zone(rs.getString("timezone")), Delivery.valueOf(rs.getString("delivery")), reminders(rs.getString("reminders")),
					time(rs.getString("quiet_from")), time(rs.getString("quiet_to")), rs.getInt("digest_hour"), points))
			.optional();
	}

	/** Recipients by id, read {@link #recipientChunk} at a time: two statements per chunk, whatever the count. */
	List<Recipient> recipients(Collection<Long> subscriberIds) {
		List<Long> ids = List.copyOf(subscriberIds);
		List<Recipient> recipients = new ArrayList<>(ids.size());
		for (int from = 0; from < ids.size(); from += recipientChunk) {
			List<Long> chunk = ids.subList(from, Math.min(from + recipientChunk, ids.size()));
			Map<Long, List<ContactPoint>> points = new HashMap<>();
			jdbc.sql("select subscriber_id, id, channel, address, consent from contact_point where subscriber_id in (:ids)")
				.param("ids", chunk)
				.query((rs, row) -> points.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
					.add(new ContactPoint(rs.getLong(2), Channel.valueOf(rs.getString(3)), cipher.open(rs.getString(4)),
							Consent.valueOf(rs.getString(5)))))
				.list();
			points.values().forEach(each -> each.sort(Comparator.comparingLong(ContactPoint::id)));
			recipients.addAll(jdbc.sql("select * from subscriber where id in (:ids)").param("ids", chunk)
				.query((rs, row) -> new Recipient(rs.getLong("id"), rs.getString("public_id"), rs.getString("language"),
						zone(rs.getString("timezone")), Delivery.valueOf(rs.getString("delivery")),
						reminders(rs.getString("reminders")), time(rs.getString("quiet_from")), time(rs.getString("quiet_to")),
						rs.getInt("digest_hour"), points.getOrDefault(rs.getLong("id"), List.of())))
				.list());
		}
		return recipients;
	}

	Optional<SubscriberView> view(long subscriberId) {
		List<ContactPoint> points = contactPoints(subscriberId);
		record Terms(List<String> terms, List<String> feeds) {
		}
		Terms terms = jdbc.sql("select terms, feeds from interest where subscriber_id = ? and body is null and meeting_id is null order by id").param(subscriberId)
			.query((rs, row) -> new Terms(split(rs.getString(1), "\n"), split(rs.getString(2), ",")))
			.list().stream().reduce((a, b) -> a).orElse(new Terms(List.of(), List.of()));
		return jdbc.sql("select * from subscriber where id = ?").param(subscriberId)
			.query((rs, row) -> new SubscriberView(rs.getLong("id"), rs.getString("public_id"), rs.getString("language"),
					zone(rs.getString("timezone")), Delivery.valueOf(rs.getString("delivery")), reminders(rs.getString("reminders")),
					time(rs.getString("quiet_from")), time(rs.getString("quiet_to")), rs.getInt("digest_hour"), points,
					terms.terms(), terms.feeds()))
			.optional();
	}

	List<ContactPoint> contactPoints(long subscriberId) {
		return jdbc.sql("select id, channel, address, consent from contact_point where subscriber_id = ? order by id")
			.param(subscriberId)
			.query((rs, row) -> new ContactPoint(rs.getLong(1), Channel.valueOf(rs.getString(2)), cipher.open(rs.getString(3)),
					Consent.valueOf(rs.getString(4))))
			.list();
	}

	Instant contactPointCreatedAt(long contactPointId) {
		return jdbc.sql("select created_at from contact_point where id = ?").param(contactPointId)
			.query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant()).single();
	}

	/** Records consent; true when the state changed. Only pending points are confirmed by a link or YES. */
	boolean setConsent(long contactPointId, Consent from, Consent to, String method, String source, Instant now) {
		boolean changed = jdbc.sql("""
				update contact_point set consent = ?, consent_method = ?, consent_source = ?, consent_at = ?
				where id = ? and consent = ?""")
			.params(to.name(), method, cipher.seal(source), utc(now), contactPointId, from.name())
			.update() == 1;
		if (changed && (from == Consent.CONFIRMED || to == Consent.CONFIRMED)) {
			journalContactPoint(contactPointId, now);
		}
		return changed;
	}

	private void journalContactPoint(long contactPointId, Instant now) {
		jdbc.sql("insert into interest_change (subscriber_id, changed_at) select subscriber_id, ? from contact_point where id = ?")
			.params(utc(now), contactPointId).update();
	}

	void updateSubscriber(long id, SubscriptionValidator.Settings settings) {
		jdbc.sql("update subscriber set language = ?, timezone = ?, delivery = ?, quiet_from = ?, quiet_to = ?, digest_hour = ? where id = ?")
			.params(settings.language(), settings.zone() == null ? "" : settings.zone().getId(), settings.delivery().name(),
					settings.quietFrom() == null ? null : settings.quietFrom().toString(),
					settings.quietTo() == null ? null : settings.quietTo().toString(), settings.digestHour(), id)
			.update();
	}

	void replaceInterests(long subscriberId, List<String> terms, List<String> feeds, Instant now) {
		// Followed bodies and meetings are kept: the manage page's topics are terms.
		jdbc.sql("delete from interest where subscriber_id = ? and body is null and meeting_id is null").param(subscriberId).update();
		if (!terms.isEmpty()) {
			insertInterest(subscriberId, terms, feeds, now);
		}
		else {
			journal(subscriberId, now);
		}
	}

	void updateReminders(long subscriberId, List<Duration> reminders) {
		jdbc.sql("update subscriber set reminders = ? where id = ?")
			.params(String.join(",", reminders.stream().map(Duration::toString).toList()), subscriberId).update();
	}

	void deleteContactPoint(long contactPointId, Instant now) {
		journalContactPoint(contactPointId, now);
		jdbc.sql("delete from contact_point where id = ?").param(contactPointId).update();
	}

	void delete(long subscriberId, Instant now) {
		journal(subscriberId, now);
		jdbc.sql("delete from subscriber where id = ?").param(subscriberId).update();
	}

	/**
	 * Deletes sign-ups none of whose contact points was ever confirmed in time. They had no active interests, so
	 * the journal is told only for good measure (a point confirmed and then lost would be OPTED_OUT, not PENDING).
	 */
	int deleteUnconfirmed(Instant createdBefore, Instant now) {
		String unconfirmed = """
				created_at < ? and not exists
				    (select 1 from contact_point c where c.subscriber_id = subscriber.id and c.consent <> 'PENDING')""";
		jdbc.sql("insert into interest_change (subscriber_id, changed_at) select id, ? from subscriber where " + unconfirmed)
			.params(utc(now), utc(createdBefore)).update();
		return jdbc.sql("delete from subscriber where " + unconfirmed).param(utc(createdBefore)).update();
	}

	/** Subscribers with this number as SMS contact point, in sign-up order. */
	List<Long> smsContactPoints(String number) {
		return jdbc.sql("select id from contact_point where channel = 'SMS' and address_hash in (:hashes) order by id")
			.param("hashes", cipher.lookups(number)).query(Long.class).list();
	}

	Optional<String> languageOfNumber(String number) {
		return jdbc.sql("""
				select s.language from subscriber s join contact_point c on c.subscriber_id = s.id
				where c.channel = 'SMS' and c.address_hash in (:hashes) order by c.id""")
			.param("hashes", cipher.lookups(number)).query(String.class).list().stream().findFirst();
	}

	void optOutNumber(String number, String keyword, Instant now) {
		if (!isOptedOut(number)) {
			jdbc.sql("insert into sms_opt_out (number, number_hash, keyword, opted_out_at) values (?, ?, ?, ?)")
				.params(cipher.seal(number), cipher.lookup(number), keyword, utc(now)).update();
		}
		jdbc.sql("""
				update contact_point set consent = 'OPTED_OUT', consent_method = 'sms-stop', consent_source = :keyword, consent_at = :now
				where channel = 'SMS' and address_hash in (:hashes) and consent <> 'OPTED_OUT'""")
			.param("keyword", keyword).param("now", utc(now)).param("hashes", cipher.lookups(number)).update();
		journalNumber(number, now);
	}

	/** START: the number may receive SMS again; what STOP stopped resumes. */
	int optInNumber(String number, Instant now) {
		jdbc.sql("delete from sms_opt_out where number_hash in (:hashes)").param("hashes", cipher.lookups(number)).update();
		journalNumber(number, now);
		return jdbc.sql("""
				update contact_point set consent = 'CONFIRMED', consent_method = 'sms-start', consent_source = 'START', consent_at = :now
				where channel = 'SMS' and address_hash in (:hashes) and consent = 'OPTED_OUT' and consent_method = 'sms-stop'""")
			.param("now", utc(now)).param("hashes", cipher.lookups(number)).update();
	}

	/** STOP and START change every contact point of the number, which may belong to several subscribers. */
	private void journalNumber(String number, Instant now) {
		jdbc.sql("""
				insert into interest_change (subscriber_id, changed_at)
				select subscriber_id, :now from contact_point where channel = 'SMS' and address_hash in (:hashes)""")
			.param("now", utc(now)).param("hashes", cipher.lookups(number)).update();
	}

	boolean isOptedOut(String number) {
		return jdbc.sql("select count(*) from sms_opt_out where number_hash in (:hashes)").param("hashes", cipher.lookups(number))
			.query(Integer.class).single() > 0;
	}

	boolean isConfirmed(Channel channel, String address) {
		return jdbc.sql("select count(*) from contact_point where channel = :channel and address_hash in (:hashes) and consent = 'CONFIRMED'")
			.param("channel", channel.name()).param("hashes", cipher.lookups(address)).query(Integer.class).single() > 0;
	}

	/** Of these addresses, those with a confirmed contact point on the channel. */
	java.util.Set<String> confirmed(Channel channel, Collection<String> addresses) {
		return new java.util.HashSet<>(jdbc.sql("select address from contact_point where channel = :channel and "
				+ "address_hash in (:hashes) and consent = 'CONFIRMED'")
			.param("channel", channel.name()).param("hashes", cipher.lookups(addresses)).query(String.class).list()
			.stream().map(cipher::open).toList());
	}

	/** Everything stored about a subscriber, for "export my data". */
	java.util.Map<String, Object> export(long subscriberId) {
		java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
		data.put("subscriber", jdbc.sql("select public_id, language, timezone, delivery, reminders, quiet_from, quiet_to, created_at from subscriber where id = ?")
			.param(subscriberId).query().singleRow());
		List<Map<String, Object>> points = jdbc.sql("select channel, address, consent, consent_at, consent_method, consent_source, requested_source, created_at from contact_point where subscriber_id = ? order by id")
			.param(subscriberId).query().listOfRows();
		points.forEach(point -> point.replaceAll((column, value) -> value instanceof String text
				&& SEALED_IN_EXPORT.contains(column.toLowerCase(java.util.Locale.ROOT)) ? cipher.open(text) : value));
		data.put("contactPoints", points);
		data.put("interests", jdbc.sql("select terms, feeds, body, meeting_id, created_at, updated_at from interest where subscriber_id = ? order by id")
			.param(subscriberId).query().listOfRows());
		data.put("messages", jdbc.sql("select channel, kind, subject, status, created_at, sent_at from notification where subscriber_id = ? order by id")
			.param(subscriberId).query().listOfRows());
		return data;
	}

	private static final java.util.Set<String> SEALED_IN_EXPORT = java.util.Set.of("address", "consent_source", "requested_source");

	private static List<Duration> reminders(String joined) {
		return split(joined, ",").stream().map(Duration::parse).toList();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
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
