package org.sunshine.campaign;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.sunshine.system.crypto.ContactCipher;
import org.sunshine.subscription.Channel;

/** Followers, their contact points with the consent each gave to its organization, and their link tokens. */
@Repository
class FollowerRepository {

	static final String PENDING = "PENDING";

	static final String CONFIRMED = "CONFIRMED";

	static final String LEFT = "LEFT";

	private final JdbcClient jdbc;

	private final ContactCipher cipher;

	FollowerRepository(JdbcClient jdbc, ContactCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	record Contact(long id, long followerId, long organizationId, Channel channel, String address, String consent,
			Instant createdAt) {

		@Override
		public String toString() {
			return "Contact[id=" + id + ", followerId=" + followerId + ", channel=" + channel + ", consent=" + consent + "]";
		}

	}

	record Follower(long id, String publicId, long organizationId, String language) {
	}

	record TokenHolder(long followerId, Long contactId) {
	}

	Optional<Contact> contact(long organizationId, Channel channel, String address) {
		return jdbc.sql("select * from follower_contact where organization_id = :organization and channel = :channel and address_hash in (:hashes)")
			.param("organization", organizationId).param("channel", channel.name()).param("hashes", cipher.lookups(address))
			.query(this::contact).optional();
	}

	List<Contact> contacts(long followerId) {
		return jdbc.sql("select * from follower_contact where follower_id = ? order by id").param(followerId)
			.query(this::contact).list();
	}

	/** Pending SMS contact points of this number, across organizations. */
	List<Contact> pendingSms(String number) {
		return jdbc.sql("select * from follower_contact where channel = 'SMS' and address_hash in (:hashes) and consent = 'PENDING'")
			.param("hashes", cipher.lookups(number)).query(this::contact).list();
	}

	Optional<Follower> follower(long id) {
		return jdbc.sql("select id, public_id, organization_id, language from follower where id = ?").param(id)
			.query((rs, row) -> new Follower(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4))).optional();
	}

	Follower insertFollower(long organizationId, String language, Instant now) {
		String publicId = UUID.randomUUID().toString();
		jdbc.sql("insert into follower (public_id, organization_id, language, created_at) values (?, ?, ?, ?)")
			.params(publicId, organizationId, language, utc(now)).update();
		long id = jdbc.sql("select id from follower where public_id = ?").param(publicId).query(Long.class).single();
		return new Follower(id, publicId, organizationId, language);
	}

	void setLanguage(long followerId, String language) {
		jdbc.sql("update follower set language = ? where id = ?").params(language, followerId).update();
	}

	Contact insertContact(long followerId, long organizationId, Channel channel, String address, String source, Instant now) {
		jdbc.sql("""
				insert into follower_contact (follower_id, organization_id, channel, address, address_hash, consent, consent_source,
				    created_at)
				values (?, ?, ?, ?, ?, 'PENDING', ?, ?)""")
			.params(followerId, organizationId, channel.name(), cipher.seal(address), cipher.lookup(address), cipher.seal(source),
					utc(now))
			.update();
		return contact(organizationId, channel, address).orElseThrow();
	}

	/** Asks again for a contact point that left or never confirmed: pending from now, its window starting again. */
	void requestAgain(long contactId, String source, Instant now) {
		jdbc.sql("update follower_contact set consent = 'PENDING', consent_source = ?, created_at = ? where id = ?")
			.params(cipher.seal(source), utc(now), contactId).update();
	}

	/** Moves consent from one state to another, recording how and from where; true when it changed. */
	boolean setConsent(long contactId, String from, String to, String method, String source, Instant now) {
		return jdbc.sql("""
				update follower_contact set consent = ?, consent_at = ?, consent_method = ?, consent_source = ?
				where id = ? and consent = ?""")
			.params(to, utc(now), method, cipher.seal(source), contactId, from).update() == 1;
	}

	int leave(long followerId, String method, Instant now) {
		return jdbc.sql("""
				update follower_contact set consent = 'LEFT', consent_at = ?, consent_method = ?, consent_source = null
				where follower_id = ? and consent <> 'LEFT'""")
			.params(utc(now), method, followerId).update();
	}

	String issueToken(long followerId, Long contactId, Instant now) {
		String token = Tokens.mint();
		jdbc.sql("insert into follower_token (token_hash, follower_id, contact_id, created_at) values (?, ?, ?, ?)")
			.params(Tokens.hash(token), followerId, contactId, utc(now)).update();
		return token;
	}

	Optional<TokenHolder> resolve(String token) {
		String hash = Tokens.hash(token);
		return hash == null ? Optional.empty()
				: jdbc.sql("select follower_id, contact_id from follower_token where token_hash = ?").param(hash)
					.query((rs, row) -> {
						long contact = rs.getLong(2);
						return new TokenHolder(rs.getLong(1), rs.wasNull() ? null : contact);
					})
					.optional();
	}

	private Contact contact(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Contact(rs.getLong("id"), rs.getLong("follower_id"), rs.getLong("organization_id"),
				Channel.valueOf(rs.getString("channel")), cipher.open(rs.getString("address")), rs.getString("consent"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant());
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
