package org.sunshine.subscription;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Link tokens that let a person act on their subscription without an account: 256 random bits, sent only
 * in their own messages, stored only as SHA-256 hashes, revocable all at once (rotation).
 */
@Repository
class AccessTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	AccessTokens(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	/** The subscriber and (if the token was sent to one) the contact point a token stands for. */
	record Holder(long subscriberId, Long contactPointId) {
	}

	String issue(long subscriberId, Long contactPointId, Instant now) {
		String token = newToken();
		jdbc.sql("insert into access_token (subscriber_id, contact_point_id, token_hash, created_at) values (?, ?, ?, ?)")
			.params(subscriberId, contactPointId, hash(token), now.atOffset(ZoneOffset.UTC))
			.update();
		return token;
	}

	/** One new token for each subscriber, written with one batched statement (a sender's batch of messages). */
	Map<Long, String> issueAll(Collection<Long> subscriberIds, Instant now) {
		Map<Long, String> issued = new LinkedHashMap<>();
		subscriberIds.forEach(id -> issued.put(id, newToken()));
		OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
		batch.batchUpdate("insert into access_token (subscriber_id, contact_point_id, token_hash, created_at) values (?, null, ?, ?)",
				issued.entrySet().stream().map(e -> new Object[] { e.getKey(), hash(e.getValue()), at }).toList());
		return issued;
	}

	private static String newToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	Optional<Holder> resolve(String token) {
		if (token == null || token.length() < 32 || token.length() > 64 || !token.matches("[A-Za-z0-9_-]+")) {
			return Optional.empty();
		}
		return jdbc.sql("select subscriber_id, contact_point_id from access_token where token_hash = ?")
			.param(hash(token))
			.query((rs, row) -> {
				long contactPoint = rs.getLong(2);
				return new Holder(rs.getLong(1), rs.wasNull() ? null : contactPoint);
			})
			.optional();
	}

	void revokeAll(long subscriberId) {
		jdbc.sql("delete from access_token where subscriber_id = ?").param(subscriberId).update();
	}

	static String hash(String token) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

}
