package org.sunshine.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/**
 * Stored message plans, one row per distinct plan (keyed by the hash of its JSON), so a change that reaches
 * 10,000 people for the same reason stores its reason once. Plans never change once written, so the
 * senders keep the ones they read.
 */
@Repository
class MessagePlans {

	private static final int CACHED = 1_000;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Map<Long, MessagePlan> cache = new ConcurrentHashMap<>();

	private final TransactionTemplate ownTransaction;

	MessagePlans(JdbcClient jdbc, JsonMapper json, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.json = json;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * The id of the stored plan equal to {@code plan}, storing it first when it is new. A new plan is stored
	 * and committed in a transaction of its own: two planners that need the same new plan at once (two meetings
	 * of a followed body, say) would otherwise both insert it and one would fail on the unique hash, rolling
	 * back its whole planning. A plan is content addressed and never changes, so one left behind by a planner
	 * that rolled back does no harm.
	 */
	long idOf(MessagePlan plan, Instant now) {
		String text = json.writeValueAsString(plan);
		String hash = sha256(text);
		return find(hash).orElseGet(() -> {
			try {
				ownTransaction.executeWithoutResult(status -> jdbc
					.sql("insert into message_plan (plan_hash, plan, created_at) values (?, ?, ?)")
					.params(hash, text, now.atOffset(ZoneOffset.UTC))
					.update());
			}
			catch (DuplicateKeyException stored) {
				// Another planner stored the same plan meanwhile (and committed it): use theirs.
			}
			return find(hash).orElseThrow();
		});
	}

	MessagePlan get(long id) {
		MessagePlan plan = cache.get(id);
		if (plan == null) {
			plan = json.readValue(jdbc.sql("select plan from message_plan where id = ?").param(id).query(String.class)
				.single(), MessagePlan.class);
			if (cache.size() >= CACHED) {
				cache.clear(); // Plans of old revisions are rarely read again; a full reset keeps this simple.
			}
			cache.put(id, plan);
		}
		return plan;
	}

	private java.util.Optional<Long> find(String hash) {
		return jdbc.sql("select id from message_plan where plan_hash = ?").param(hash).query(Long.class).optional();
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every JVM has SHA-256", e);
		}
	}

}
