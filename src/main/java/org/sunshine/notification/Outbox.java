package org.sunshine.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.sunshine.subscription.Channel;
import org.sunshine.system.Databases;
import org.sunshine.system.crypto.ContactCipher;

/**
 * The persisted outbox. Messages are written in batches by the planner, claimed in batches by the senders
 * of any node (with {@code FOR UPDATE SKIP LOCKED} on PostgreSQL, so no two senders claim one message),
 * and marked with the provider's answer afterwards. States:
 * PENDING → CLAIMED (taken by a sender, hand-over not begun) → SENDING (hand-over begun) → SENT | FAILED;
 * UNCERTAIN is an SMS whose hand-over was interrupted, until the provider's records say whether it arrived.
 */
@Repository
class Outbox {

	private static final int CHUNK = 1_000;

	private static final int ARRAY_CHUNK = 10_000;

	/** The SQL types of {@link #row}'s values, in order, as the array insert passes them. */
	private static final String[] ARRAY_COLUMNS = { "text", "bigint", "text", "text", "text", "text", "bigint",
			"bigint", "bigint", "text", "text", "text", "text", "text", "text", "text", "text", "text", "bigint",
			"bigint" };

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final boolean postgres;

	private final ContactCipher cipher;

	Outbox(JdbcClient jdbc, JdbcTemplate batch, DataSource dataSource, ContactCipher cipher) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.postgres = Databases.isPostgres(dataSource);
		this.cipher = cipher;
	}

	/** Adds the message unless one with the same idempotency key exists; true when added. */
	boolean enqueue(OutboxMessage message, Instant now) {
		return enqueueAll(List.of(message), now) == 1;
	}

	/**
	 * Adds every message whose idempotency key is new, with batched statements; returns how many were added.
	 * The unique key is the backstop against a
	 * concurrent planner; the look-up first keeps a repeat from aborting the caller's transaction.
	 */
	int enqueueAll(List<OutboxMessage> messages, Instant now) {
		if (postgres) {
			return enqueueAllAsArrays(messages, now);
		}
		int added = 0;
		for (int from = 0; from < messages.size(); from += CHUNK) {
			List<OutboxMessage> chunk = messages.subList(from, Math.min(from + CHUNK, messages.size()));
			Set<String> existing = new HashSet<>(jdbc.sql("select idempotency_key from notification where idempotency_key in (:keys)")
				.param("keys", chunk.stream().map(OutboxMessage::idempotencyKey).toList())
				.query(String.class).list());
			Map<String, OutboxMessage> fresh = new LinkedHashMap<>();
			chunk.stream().filter(m -> !existing.contains(m.idempotencyKey())).forEach(m -> fresh.putIfAbsent(m.idempotencyKey(), m));
			List<Object[]> rows = fresh.values().stream().map(m -> row(m, now)).toList();
			batch.batchUpdate("""
					insert into notification (idempotency_key, subscriber_id, channel, destination, destination_hash, kind,
					    meeting_id, revision_id, plan_id, subject, body_text, body_html, headers, ics, ics_method, item_keys,
					    status, attempts, next_attempt_at, created_at, follower_id, campaign_id)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?)""", rows);
			added += rows.size();
		}
		return added;
	}

	/**
	 * PostgreSQL: each chunk as one statement over column arrays, and a key that exists already is skipped by the
	 * unique index itself. Ten thousand rows went as ten look-ups of keys and ten multi-row INSERTs of 22,000
	 * parameters each before: parsing and binding those took longer than the inserts.
	 */
	private int enqueueAllAsArrays(List<OutboxMessage> messages, Instant now) {
		Map<String, OutboxMessage> distinct = new LinkedHashMap<>();
		messages.forEach(m -> distinct.putIfAbsent(m.idempotencyKey(), m));
		List<OutboxMessage> all = List.copyOf(distinct.values());
		int added = 0;
		for (int from = 0; from < all.size(); from += ARRAY_CHUNK) {
			List<Object[]> rows = all.subList(from, Math.min(from + ARRAY_CHUNK, all.size())).stream()
				.map(m -> row(m, now)).toList();
			Object[] columns = new Object[ARRAY_COLUMNS.length];
			for (int column = 0; column < columns.length; column++) {
				columns[column] = ARRAY_COLUMNS[column].equals("bigint") ? longs(rows, column) : column(rows, column);
			}
			added += jdbc.sql("""
					insert into notification (idempotency_key, subscriber_id, channel, destination, destination_hash, kind,
					    meeting_id, revision_id, plan_id, subject, body_text, body_html, headers, ics, ics_method, item_keys,
					    status, attempts, next_attempt_at, created_at, follower_id, campaign_id)
					select k, s, c, d, h, kind, m, r, p, subj, bt, bh, hd, ics, im, ik, 'PENDING', 0, due::timestamptz,
					    created::timestamptz, f, cmp
					from unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[],
					    ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
					    ?::text[], ?::bigint[], ?::bigint[])
					    as u(k, s, c, d, h, kind, m, r, p, subj, bt, bh, hd, ics, im, ik, due, created, f, cmp)
					on conflict (idempotency_key) do nothing""")
				.params(columns).update();
		}
		return added;
	}

	private Object[] row(OutboxMessage m, Instant now) {
		Instant due = m.notBefore() != null && m.notBefore().isAfter(now) ? m.notBefore() : now;
		OutboxMessage.Rendered r = m.rendered();
		return new Object[] { m.idempotencyKey(), m.subscriberId(), m.channel().name(), cipher.seal(m.destination()),
				cipher.lookup(m.destination()), m.kind(),
				m.meetingId(), m.revisionId(), m.planId(),
				r == null ? null : r.subject(), r == null ? null : cipher.seal(r.text()), r == null ? null : cipher.seal(r.html()),
				r == null ? null : cipher.seal(encode(r.headers())), r == null ? null : r.ics(), r == null ? null : r.icsMethod(),
				Columns.lines(m.itemKeys(), 8_000), utc(due), utc(now), m.followerId(), m.campaignId() };
	}

	/**
	 * Claims up to {@code limit} due messages of one channel for a sender until {@code leaseUntil}; another
	 * sender (on this node or another) never gets the same ones while the lease holds.
	 */
	List<OutboxMessage> claim(Channel channel, int limit, Instant now, Instant leaseUntil) {
		String token = UUID.randomUUID().toString();
		String due = dueQuery();
		List<OutboxMessage> claimed;
		if (postgres) {
			// One statement: rows another node's sender holds are skipped, not waited for; the claimed rows come back.
			claimed = jdbc.sql("update notification set status = 'CLAIMED', claim_token = :token, claimed_until = :until"
					+ " where id in (" + due + " for update skip locked) returning *")
				.param("token", token).param("until", utc(leaseUntil)).param("channel", channel.name())
				.param("now", utc(now)).param("limit", limit)
				.query(this::message).list();
		}
		else {
			// H2 (one node) has no SKIP LOCKED and does not honour LIMIT inside IN: pick, then take what is still free.
			List<Long> ids = jdbc.sql(due).param("channel", channel.name()).param("now", utc(now)).param("limit", limit)
				.query(Long.class).list();
			claimed = ids.isEmpty() ? List.of() : jdbc.sql("""
					select * from final table (update notification set status = 'CLAIMED', claim_token = :token,
					    claimed_until = :until where id in (:ids) and status = 'PENDING')""")
				.param("token", token).param("until", utc(leaseUntil)).param("ids", ids)
				.query(this::message).list();
		}
		return claimed.stream().sorted(java.util.Comparator.comparingLong(OutboxMessage::id)).toList();
	}

	/**
	 * The ids of up to {@code :limit} messages of {@code :channel} due at {@code :now}, the earliest due first.
	 * <p>
	 * On H2 in the order of {@code notification_due} as it is, so that the index's first rows are the answer: H2
	 * reads an index in order only when the ORDER BY names its columns from the first, and otherwise sorted every
	 * due row of a broadcast at each claim of 50 (its index entries end with the row's id, so ties still go by
	 * id). PostgreSQL reads the index in order and sorts only ties by id.
	 */
	String dueQuery() {
		return "select id from notification where status = 'PENDING' and channel = :channel and next_attempt_at <= :now"
				+ (postgres ? " order by next_attempt_at, id" : " order by status, channel, next_attempt_at") + " limit :limit";
	}

	/*
	 * "(status = 'CLAIMED') is true" rather than "status = 'CLAIMED'" in the statements that update one claimed row
	 * by its id: it keeps PostgreSQL on the primary key. The table's statistics see few CLAIMED rows (a
	 * broadcast's claims come and go between two ANALYZEs), so for the plain comparison the planner chose the
	 * lease index (status, claimed_until) and walked every claimed row, and the entries a broadcast leaves dead,
	 * for each outcome: 0.26 ms a row instead of 0.08 (pg_stat_statements, after VACUUM ANALYZE). An IS TRUE
	 * test is no index condition.
	 */

	/**
	 * The hand-over to the provider begins now; false when this sender's lease was lost meanwhile. An SMS
	 * keeps its text from here on, so an interrupted one can be compared with the provider's records and, if
	 * absent there, sent again exactly as it was.
	 */
	boolean handingOver(OutboxMessage claimed, Instant now, String smsText) {
		return jdbc.sql("""
				update notification set status = 'SENDING', handover_at = ?, attempts = attempts + 1,
				    body_text = coalesce(?, body_text)
				where id = ? and (status = 'CLAIMED') is true and claim_token = ?""")
			.params(utc(now), smsText, claimed.id(), claimed.claimToken()).update() == 1;
	}

	static final String HANDING_OVER = """
			update notification set status = 'SENDING', handover_at = ?, attempts = attempts + 1
			where id = ? and (status = 'CLAIMED') is true and claim_token = ?""";

	/** The outcome "sent", from CLAIMED in one step (the hand-over's time first); for tests of its plan. */
	static String sentInOneStep() {
		return oneStep(SENT);
	}

	/** {@link #handingOver} for several email messages at once (no text to keep: an email is rendered again). */
	void handingOverAll(List<OutboxRecorder.HandingOver> messages) {
		if (messages.isEmpty()) {
			return;
		}
		batch.batchUpdate(HANDING_OVER,
				messages.stream().map(m -> new Object[] { utc(m.at()), m.message().id(), m.message().claimToken() }).toList());
	}

	// A sender's outcome counts only while the message is still under its claim: one that outlived its lease
	// (it hung, the message was taken back and another sender has sent it) must not undo what that one did.

	/**
	 * Accepted by the provider; keeps what was sent (deleted after the retention period). An SMS that became
	 * UNCERTAIN while its hand-over was stalled is settled by this answer too.
	 */
	void sent(OutboxMessage claimed, String providerId, OutboxMessage.Rendered sent, Instant now) {
		jdbc.sql(SENT).params(sentRow(claimed, providerId, sent, now)).update();
	}

	private static final String SENT = """
			update notification set status = 'SENT', provider_id = ?, sent_at = ?, claimed_until = null, last_error = null,
			    subject = ?, body_text = ?, body_html = null, headers = null, ics = ?, ics_method = ?
			where id = ? and claim_token = ? and status in ('SENDING', 'UNCERTAIN')""";

	/**
	 * What was sent is kept as its text with the link tokens taken out (and without its HTML and headers, which
	 * repeat them): a token is a key to the person's subscription, and whoever reads the database must not
	 * hold it.
	 */
	private static Object[] sentRow(OutboxMessage claimed, String providerId, OutboxMessage.Rendered sent, Instant now) {
		return new Object[] { providerId, utc(now), Columns.fit(sent.subject(), 1_000),
				Columns.fit(withoutTokens(sent.text()), 20_000), Columns.fit(sent.ics(), 60_000), sent.icsMethod(),
				claimed.id(), claimed.claimToken() };
	}

	/** Links that carry a token: /s/{token} (subscriber), /f/{token} (follower), /r/{token} (RSVP). */
	private static final java.util.regex.Pattern TOKEN_LINK = java.util.regex.Pattern
		.compile("/([sfr])/[A-Za-z0-9_-]{20,}");

	static String withoutTokens(String text) {
		return text == null ? null : TOKEN_LINK.matcher(text).replaceAll("/$1/[token]");
	}

	/**
	 * Outcomes, each with when its hand-over began if that was not recorded yet ({@code begunAt}): such a
	 * message goes from CLAIMED to its outcome in one row update instead of two.
	 */
	void sentAll(List<OutboxRecorder.Sent> messages, Map<Long, Instant> begunAt) {
		if (postgres) {
			sentInOneStepAsArrays(messages.stream().filter(m -> begunAt.containsKey(m.message().id())).toList(), begunAt);
			messages = messages.stream().filter(m -> !begunAt.containsKey(m.message().id())).toList();
		}
		batchUpdate(SENT, messages, begunAt, m -> sentRow(m.message(), m.providerId(), m.rendered(), m.at()));
	}

	/**
	 * PostgreSQL: a group commit's emails that went from CLAIMED to SENT, as one statement over column arrays
	 * instead of one statement each. Tried once before with {@code n.status = 'CLAIMED'}, which the planner could
	 * use as an index condition: it hashed the arrays against every claimed row (19 ms a commit). With the test
	 * that is no index condition (see above) each array row finds its row through the primary key.
	 */
	private void sentInOneStepAsArrays(List<OutboxRecorder.Sent> messages, Map<Long, Instant> begunAt) {
		if (messages.isEmpty()) {
			return;
		}
		List<Object[]> rows = messages.stream().map(m -> sentRow(m.message(), m.providerId(), m.rendered(), m.at())).toList();
		jdbc.sql(SENT_IN_ONE_STEP_AS_ARRAYS)
			.params(messages.stream().map(m -> utc(begunAt.get(m.message().id())).toString()).toArray(String[]::new),
					column(rows, 0), column(rows, 1), column(rows, 2), column(rows, 3), column(rows, 4), column(rows, 5),
					longs(rows, 6), column(rows, 7))
			.update();
	}

	static final String SENT_IN_ONE_STEP_AS_ARRAYS = """
			update notification n set handover_at = u.begun::timestamptz, attempts = n.attempts + 1, status = 'SENT',
			    provider_id = u.provider, sent_at = u.sent::timestamptz, claimed_until = null, last_error = null,
			    subject = u.subject, body_text = u.body, body_html = null, headers = null, ics = u.ics, ics_method = u.method
			from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[])
			    as u(begun, provider, sent, subject, body, ics, method, id, token)
			where n.id = u.id and n.claim_token = u.token and (n.status = 'CLAIMED') is true""";

	/** One column of rows' values as text, for an array parameter. */
	private static String[] column(List<Object[]> rows, int index) {
		return rows.stream().map(row -> row[index] == null ? null : row[index].toString()).toArray(String[]::new);
	}

	/** One column of rows' numbers, for a bigint array parameter. */
	private static Long[] longs(List<Object[]> rows, int index) {
		return rows.stream().map(row -> (Long) row[index]).toArray(Long[]::new);
	}

	/**
	 * Runs an outcome's statement for the messages whose hand-over is recorded, and its one-step form (the
	 * hand-over's time and attempt set with the outcome, from CLAIMED) for those in {@code begunAt}.
	 */
	private <T extends OutboxRecorder.Entry> void batchUpdate(String sql, List<T> messages, Map<Long, Instant> begunAt,
			java.util.function.Function<T, Object[]> row) {
		List<Object[]> recorded = new ArrayList<>();
		List<Object[]> oneStep = new ArrayList<>();
		for (T m : messages) {
			Instant begun = begunAt.get(m.message().id());
			if (begun == null) {
				recorded.add(row.apply(m));
			}
			else {
				Object[] values = row.apply(m);
				Object[] withHandover = new Object[values.length + 1];
				withHandover[0] = utc(begun);
				System.arraycopy(values, 0, withHandover, 1, values.length);
				oneStep.add(withHandover);
			}
		}
		if (!recorded.isEmpty()) {
			batch.batchUpdate(sql, recorded);
		}
		if (!oneStep.isEmpty()) {
			batch.batchUpdate(oneStep(sql), oneStep);
		}
	}

	/** The outcome's statement from CLAIMED, with the hand-over's time and attempt set first. */
	private static String oneStep(String sql) {
		return sql.replaceFirst("update notification set ", "update notification set handover_at = ?, attempts = attempts + 1, ")
			.replaceFirst("and status in \\([^)]*\\)$", "and (status = 'CLAIMED') is true");
	}

	void retry(OutboxMessage claimed, String error, Instant at) {
		jdbc.sql(RETRY).params(error, utc(at), claimed.id(), claimed.claimToken()).update();
	}

	void retryAll(List<OutboxRecorder.Retry> messages, Map<Long, Instant> begunAt) {
		batchUpdate(RETRY, messages, begunAt,
				m -> new Object[] { m.error(), utc(m.at()), m.message().id(), m.message().claimToken() });
	}

	private static final String RETRY = """
			update notification set status = 'PENDING', last_error = ?, next_attempt_at = ?, claimed_until = null,
			    claim_token = null
			where id = ? and claim_token = ? and status in ('CLAIMED', 'SENDING')""";

	void failed(OutboxMessage claimed, String error) {
		jdbc.sql(FAILED).params(error, claimed.id(), claimed.claimToken()).update();
	}

	void failedAll(List<OutboxRecorder.Failed> messages, Map<Long, Instant> begunAt) {
		batchUpdate(FAILED, messages, begunAt, m -> new Object[] { m.error(), m.message().id(), m.message().claimToken() });
	}

	private static final String FAILED = """
			update notification set status = 'FAILED', last_error = ?, claimed_until = null
			where id = ? and claim_token = ? and status in ('CLAIMED', 'SENDING')""";

	/**
	 * Messages whose sender's lease ran out (it died, or hung). One whose hand-over had not begun is simply
	 * queued again. An email interrupted mid-hand-over is queued again too: it goes with the same Message-ID,
	 * so a duplicate is recognisable, and duplicates stay bounded by the messages that were in flight. An SMS
	 * interrupted mid-hand-over becomes UNCERTAIN until the provider's records say whether it arrived.
	 */
	int recoverExpiredLeases(Instant now) {
		int requeued = jdbc.sql("""
				update notification set status = 'PENDING', claim_token = null, claimed_until = null
				where status = 'CLAIMED' and claimed_until < ?""").param(utc(now)).update();
		requeued += jdbc.sql("""
				update notification set status = 'PENDING', claim_token = null, claimed_until = null,
				    last_error = 'interrupted while handing over; sent again with the same Message-ID'
				where status = 'SENDING' and channel = 'EMAIL' and claimed_until < ?""").param(utc(now)).update();
		return requeued + jdbc.sql("""
				update notification set status = 'UNCERTAIN', claimed_until = null,
				    last_error = 'interrupted while handing over; asking the provider whether it arrived'
				where status = 'SENDING' and channel = 'SMS' and claimed_until < ?""").param(utc(now)).update();
	}

	/**
	 * Deletes what messages sent (or given up on) before {@code before} said: subject, text, HTML, headers and
	 * calendar file, which name the person's topics and meetings. Who got what, when and through which provider
	 * stays, as the consent record needs. A message given up on keeps its words only if it cannot be rendered
	 * again (no plan), so an admin may still retry it; returns how many messages were emptied.
	 */
	int forgetBodies(Instant before) {
		return jdbc.sql("""
				update notification set subject = null, body_text = null, body_html = null, headers = null, ics = null
				where (status = 'SENT' and sent_at < :before
				       or status in ('FAILED', 'DROPPED', 'CANCELLED') and plan_id is not null and created_at < :before)
				  and (body_text is not null or subject is not null or ics is not null or body_html is not null)""")
			.param("before", utc(before)).update();
	}

	/** Interrupted SMS still to be settled with the provider's records, oldest first. */
	List<OutboxMessage> uncertain(int limit) {
		return jdbc.sql("select * from notification where status = 'UNCERTAIN' and channel = 'SMS' order by id limit ?")
			.param(limit).query(this::message).list();
	}

	Instant handoverAt(long id) {
		return jdbc.sql("select handover_at from notification where id = ?").param(id)
			.query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant()).single();
	}

	/** The provider's records show the uncertain SMS arrived. */
	void settledDelivered(long id, Instant now) {
		jdbc.sql("update notification set status = 'SENT', sent_at = ?, last_error = 'interrupted; the provider has it' where id = ? and status = 'UNCERTAIN'")
			.params(utc(now), id).update();
	}

	/** The provider's records show the uncertain SMS never arrived: it is sent again. */
	void settledAbsent(long id, Instant now) {
		jdbc.sql("""
				update notification set status = 'PENDING', next_attempt_at = ?, claim_token = null,
				    last_error = 'interrupted; the provider does not have it, sent again'
				where id = ? and status = 'UNCERTAIN'""").params(utc(now), id).update();
	}

	int uncertainChecks(long id) {
		return jdbc.sql("select uncertain_checks from notification where id = ?").param(id).query(Integer.class).single();
	}

	/** The provider could not say; after {@code maxChecks} tries the message stays UNCERTAIN for an admin. */
	void stillUncertain(long id) {
		jdbc.sql("update notification set uncertain_checks = uncertain_checks + 1 where id = ?").param(id).update();
	}

	/**
	 * Who was told about a meeting (by a message not given up on, or in a digest), and about which of its
	 * agenda items: they are the people a correction must reach.
	 */
	Map<Long, Set<String>> toldAbout(long meetingId) {
		Map<Long, Set<String>> told = new HashMap<>();
		jdbc.sql("""
				select subscriber_id, item_keys from notification
				where meeting_id = ? and subscriber_id is not null and kind <> 'confirm' and status not in ('FAILED', 'DROPPED')
				union all
				select subscriber_id, item_keys from digest_entry where meeting_id = ?""")
			.params(meetingId, meetingId)
			.query((rs, row) -> {
				Set<String> items = told.computeIfAbsent(rs.getLong(1), id -> new HashSet<>());
				String keys = rs.getString(2);
				if (keys != null && !keys.isBlank()) {
					items.addAll(List.of(keys.split("\n")));
				}
				return null;
			})
			.list();
		return told;
	}

	/** The agenda items of a meeting that one subscriber was told about. */
	Set<String> toldAbout(long meetingId, long subscriberId) {
		Set<String> items = new HashSet<>();
		jdbc.sql("""
				select item_keys from notification
				where meeting_id = ? and subscriber_id = ? and kind <> 'confirm' and status not in ('FAILED', 'DROPPED')
				union all
				select item_keys from digest_entry where meeting_id = ? and subscriber_id = ?""")
			.params(meetingId, subscriberId, meetingId, subscriberId)
			.query(String.class).list().stream()
			.filter(keys -> keys != null && !keys.isBlank())
			.forEach(keys -> items.addAll(List.of(keys.split("\n"))));
		return items;
	}

	/** Stops everything still waiting for a destination (an opted-out number). */
	int cancelPending(Channel channel, String destination, String reason) {
		return jdbc.sql("update notification set status = 'FAILED', last_error = :reason where status = 'PENDING' and channel = :channel and destination_hash in (:hashes)")
			.param("reason", reason).param("channel", channel.name()).param("hashes", cipher.lookups(destination)).update();
	}

	/** Everyone a campaign's messages of this kind have left for. */
	List<CampaignDeliveries.Reached> reached(long campaignId, String kind) {
		return jdbc.sql("""
				select follower_id, channel, destination from notification
				where campaign_id = ? and kind = ? and follower_id is not null and status in ('SENT', 'SENDING', 'UNCERTAIN')
				order by id""")
			.params(campaignId, kind)
			.query((rs, row) -> new CampaignDeliveries.Reached(rs.getLong(1), Channel.valueOf(rs.getString(2)),
					cipher.open(rs.getString(3))))
			.list();
	}

	/** The campaign and follower of the latest campaign message of these kinds that left for this address. */
	Optional<CampaignDeliveries.Delivered> latestCampaignMessageTo(Channel channel, String destination, List<String> kinds) {
		return jdbc.sql("""
				select campaign_id, follower_id from notification
				where channel = :channel and destination_hash in (:hashes) and follower_id is not null and campaign_id is not null
				    and kind in (:kinds) and status in ('SENT', 'SENDING', 'UNCERTAIN')
				order by id desc limit 1""")
			.param("channel", channel.name()).param("hashes", cipher.lookups(destination)).param("kinds", kinds)
			.query((rs, row) -> new CampaignDeliveries.Delivered(rs.getLong(1), rs.getLong(2)))
			.optional();
	}

	private OutboxMessage message(ResultSet rs, int row) throws SQLException {
		String items = rs.getString("item_keys");
		// A message rendered when it was queued (a confirmation) holds its links' tokens: sealed until it has left.
		String text = cipher.open(rs.getString("body_text"));
		OutboxMessage.Rendered rendered = text == null ? null
				: new OutboxMessage.Rendered(rs.getString("subject"), text, cipher.open(rs.getString("body_html")),
						decode(cipher.open(rs.getString("headers"))), rs.getString("ics"), rs.getString("ics_method"));
		return new OutboxMessage(rs.getLong("id"), rs.getString("idempotency_key"), nullable(rs, "subscriber_id"),
				Channel.valueOf(rs.getString("channel")), cipher.open(rs.getString("destination")), rs.getString("kind"),
				nullable(rs, "meeting_id"), nullable(rs, "revision_id"), nullable(rs, "plan_id"), rendered,
				rs.getInt("attempts"), items == null || items.isBlank() ? List.of() : List.of(items.split("\n")), null,
				rs.getString("claim_token"), nullable(rs, "follower_id"), nullable(rs, "campaign_id"));
	}

	private static Long nullable(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	// Headers are few and simple (List-Unsubscribe...): one "name: value" per line.
	private static String encode(Map<String, String> headers) {
		return headers == null || headers.isEmpty() ? null
				: headers.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n"));
	}

	private static Map<String, String> decode(String headers) {
		Map<String, String> decoded = new LinkedHashMap<>();
		if (headers != null) {
			headers.lines().filter(line -> line.contains(": "))
				.forEach(line -> decoded.put(line.substring(0, line.indexOf(": ")), line.substring(line.indexOf(": ") + 2)));
		}
		return decoded;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	static List<List<Long>> chunks(List<Long> ids) {
		List<List<Long>> chunks = new ArrayList<>();
		for (int from = 0; from < ids.size(); from += CHUNK) {
			chunks.add(ids.subList(from, Math.min(from + CHUNK, ids.size())));
		}
		return chunks;
	}

}
