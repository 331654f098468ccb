package org.sunshine.subscription;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.sunshine.system.Databases;
import org.sunshine.system.crypto.ContactCipher;

/**
 * The bulk import's SQL: one look-up and three batched inserts per batch of rows, instead of several round
 * trips per row, so a million rows take minutes.
 */
@Repository
class ImportRepository {

	private final JdbcTemplate jdbc;

	private final JdbcClient client;

	private final ContactCipher cipher;

	private final boolean postgres;

	private static final List<String> FILLED_TABLES = List.of("subscriber", "contact_point", "interest");

	ImportRepository(JdbcTemplate jdbc, JdbcClient client, ContactCipher cipher) {
		this.jdbc = jdbc;
		this.client = client;
		this.cipher = cipher;
		this.postgres = Databases.isPostgres(jdbc.getDataSource());
	}

	/**
	 * Has the database measure the tables an import fills. Until it has, its planner knows nothing of the rows just
	 * written (PostgreSQL's autovacuum gets to them within a minute or so), and guessed from defaults that a look-up
	 * of a batch of addresses reads the whole of contact_point: profiled on PostgreSQL, a sender's check of 50
	 * addresses against 20,000 freshly imported rows took 146 ms that way, and 0.4 ms on the index once measured.
	 */
	void measureTables() {
		if (postgres) {
			jdbc.execute("analyze " + String.join(", ", FILLED_TABLES));
		}
		else {
			FILLED_TABLES.forEach(table -> jdbc.execute("analyze table " + table));
		}
	}

	/**
	 * Which of these addresses a contact point already holds. Emails contain '@' and E.164 numbers never do,
	 * so the address alone tells them apart.
	 */
	Set<String> existing(Collection<String> addresses) {
		if (addresses.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(client.sql("select address from contact_point where address_hash in (:hashes)")
			.param("hashes", cipher.lookups(addresses)).query(String.class).list().stream().map(cipher::open).toList());
	}

	/** Stores each row as a subscriber with confirmed contact points (consent method "import") and one interest. */
	void insert(List<ImportRow> rows, Instant now, String requestedSource) {
		if (rows.isEmpty()) {
			return;
		}
		OffsetDateTime created = now.atOffset(ZoneOffset.UTC);
		List<Long> ids = insertSubscribers(rows, created);
		List<Object[]> points = new ArrayList<>();
		List<Object[]> interests = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			ImportRow row = rows.get(i);
			long id = ids.get(i);
			OffsetDateTime consentAt = row.consentAt().atOffset(ZoneOffset.UTC);
			if (row.valid().email() != null) {
				points.add(point(id, Channel.EMAIL, row.valid().email(), consentAt, row.consentSource(), requestedSource, created));
			}
			if (row.valid().phone() != null) {
				points.add(point(id, Channel.SMS, row.valid().phone(), consentAt, row.consentSource(), requestedSource, created));
			}
			interests.add(new Object[] { id, String.join("\n", row.valid().terms()), String.join(",", row.valid().feeds()),
					created, created });
		}
		jdbc.batchUpdate("""
				insert into contact_point (subscriber_id, channel, address, address_hash, consent, consent_at, consent_method,
				    consent_source, requested_source, created_at)
				values (?, ?, ?, ?, 'CONFIRMED', ?, 'import', ?, ?, ?)""", points);
		jdbc.batchUpdate("insert into interest (subscriber_id, terms, feeds, created_at, updated_at) values (?, ?, ?, ?, ?)",
				interests);
		// The journal of interest changes, in the same transaction: each node's index takes these subscribers in.
		jdbc.batchUpdate("insert into interest_change (subscriber_id, changed_at) values (?, ?)",
				ids.stream().map(id -> new Object[] { id, created }).toList());
	}

	private Object[] point(long subscriberId, Channel channel, String address, OffsetDateTime consentAt, String consentSource,
			String requestedSource, OffsetDateTime created) {
		return new Object[] { subscriberId, channel.name(), cipher.seal(address), cipher.lookup(address), consentAt,
				cipher.seal(consentSource), cipher.seal(requestedSource), created };
	}

	private List<Long> insertSubscribers(List<ImportRow> rows, OffsetDateTime created) {
		var keys = new GeneratedKeyHolder();
		jdbc.batchUpdate(connection -> connection.prepareStatement("""
				insert into subscriber (public_id, language, timezone, delivery, reminders, created_at)
				values (?, ?, '', ?, ?, ?)""", new String[] { "id" }), new BatchPreparedStatementSetter() {

			@Override
			public void setValues(PreparedStatement statement, int i) throws SQLException {
				SubscriptionValidator.Valid valid = rows.get(i).valid();
				statement.setString(1, UUID.randomUUID().toString());
				statement.setString(2, valid.language());
				statement.setString(3, valid.delivery().name());
				statement.setString(4, String.join(",", valid.reminders().stream().map(Duration::toString).toList()));
				statement.setObject(5, created);
			}

			@Override
			public int getBatchSize() {
				return rows.size();
			}

		}, keys);
		List<Long> ids = keys.getKeyList().stream().map(key -> ((Number) key.values().iterator().next()).longValue()).toList();
		if (ids.size() != rows.size()) {
			throw new IllegalStateException("the database returned " + ids.size() + " keys for " + rows.size() + " subscribers");
		}
		return ids;
	}

}
