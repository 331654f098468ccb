package org.sunshine.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.sunshine.system.crypto.ContactCipher;
import org.sunshine.subscription.Channel;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Campaigns, their audiences and RSVPs. */
@Repository
class CampaignRepository {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ContactCipher cipher;

	CampaignRepository(JdbcClient jdbc, JsonMapper json, ContactCipher cipher) {
		this.jdbc = jdbc;
		this.json = json;
		this.cipher = cipher;
	}

	/** A stored campaign; {@code messages} maps a language to the organization's text in it. */
	record Campaign(long id, long organizationId, long meetingId, String ask, Map<String, String> messages,
			List<String> itemKeys, List<Duration> reminders, Instant sendAt, String status) {
	}

	/** A confirmed contact point of someone in a campaign's audience. */
	record Destination(long followerId, long contactId, Channel channel, String address) {

		@Override
		public String toString() {
			return "Destination[followerId=" + followerId + ", channel=" + channel + "]";
		}

	}

	long insert(long organizationId, long meetingId, String ask, Map<String, String> messages, List<String> itemKeys,
			List<Duration> reminders, Instant sendAt, String status, Instant now) {
		var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
		jdbc.sql("""
				insert into campaign (organization_id, meeting_id, ask, messages, items, reminders, send_at, status, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(organizationId, meetingId, ask, json.writeValueAsString(messages), String.join("\n", itemKeys),
					String.join(",", reminders.stream().map(Duration::toString).toList()),
					FollowerRepository.utc(sendAt), status, FollowerRepository.utc(now))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	Optional<Campaign> find(long id) {
		return jdbc.sql("select * from campaign where id = ?").param(id).query(this::campaign).optional();
	}

	/** Locks the campaign's row until the transaction ends: one launch, cancel or correction at a time. */
	Optional<Campaign> lock(long id) {
		return jdbc.sql("select * from campaign where id = ? for update").param(id).query(this::campaign).optional();
	}

	List<Long> due(Instant now) {
		return jdbc.sql("select id from campaign where status = 'scheduled' and send_at <= ? order by send_at, id")
			.param(FollowerRepository.utc(now)).query(Long.class).list();
	}

	/** Campaigns of a meeting that went out: those a move or cancellation must correct. */
	List<Long> launchedFor(long meetingId) {
		return jdbc.sql("select id from campaign where meeting_id = ? and launched_at is not null order by id")
			.param(meetingId).query(Long.class).list();
	}

	int countSince(long organizationId, Instant since) {
		return jdbc.sql("select count(*) from campaign where organization_id = ? and created_at > ?")
			.params(organizationId, FollowerRepository.utc(since)).query(Integer.class).single();
	}

	/** Every campaign of the organization, any status. */
	List<Long> idsOf(long organizationId) {
		return jdbc.sql("select id from campaign where organization_id = ?").param(organizationId).query(Long.class).list();
	}

	/** Locks the organization's row until the transaction ends: its test sends are counted one request at a time. */
	void lockOrganization(long organizationId) {
		jdbc.sql("select id from organization where id = ? for update").param(organizationId).query(Long.class).single();
	}

	void setStatus(long id, String status) {
		jdbc.sql("update campaign set status = ? where id = ?").params(status, id).update();
	}

	void launched(long id, Instant now) {
		jdbc.sql("update campaign set status = 'sent', launched_at = ? where id = ?").params(FollowerRepository.utc(now), id)
			.update();
	}

	/** Records the audience: every follower of the organization with a confirmed contact point. */
	int recordAudience(long campaignId, long organizationId) {
		return jdbc.sql("""
				insert into campaign_recipient (campaign_id, follower_id)
				select distinct ?, follower_id from follower_contact where organization_id = ? and consent = 'CONFIRMED'""")
			.params(campaignId, organizationId).update();
	}

	int audience(long campaignId) {
		return jdbc.sql("select count(*) from campaign_recipient where campaign_id = ?").param(campaignId)
			.query(Integer.class).single();
	}

	/** The confirmed contact points of a campaign's audience, in follower order. */
	List<Destination> destinations(long campaignId) {
		return jdbc.sql("""
				select c.follower_id, c.id, c.channel, c.address from campaign_recipient r
				join follower_contact c on c.follower_id = r.follower_id
				where r.campaign_id = ? and c.consent = 'CONFIRMED' order by c.follower_id, c.id""")
			.param(campaignId)
			.query((rs, row) -> new Destination(rs.getLong(1), rs.getLong(2), Channel.valueOf(rs.getString(3)),
					cipher.open(rs.getString(4))))
			.list();
	}

	void answer(long campaignId, long followerId, String answer, String via, Instant now) {
		int updated = jdbc.sql("update rsvp set answer = ?, via = ?, answered_at = ? where campaign_id = ? and follower_id = ?")
			.params(answer, via, FollowerRepository.utc(now), campaignId, followerId).update();
		if (updated == 0) {
			jdbc.sql("insert into rsvp (campaign_id, follower_id, answer, via, answered_at) values (?, ?, ?, ?, ?)")
				.params(campaignId, followerId, answer, via, FollowerRepository.utc(now)).update();
		}
	}

	Optional<String> answerOf(long campaignId, long followerId) {
		return jdbc.sql("select answer from rsvp where campaign_id = ? and follower_id = ?").params(campaignId, followerId)
			.query(String.class).optional();
	}

	List<Long> going(long campaignId) {
		return jdbc.sql("select follower_id from rsvp where campaign_id = ? and answer = 'going'").param(campaignId)
			.query(Long.class).list();
	}

	Map<String, Long> answers(long campaignId) {
		Map<String, Long> answers = new LinkedHashMap<>();
		jdbc.sql("select answer, count(*) from rsvp where campaign_id = ? group by answer").param(campaignId)
			.query((rs, row) -> answers.put(rs.getString(1), rs.getLong(2))).list();
		return answers;
	}

	String issueRsvpToken(long campaignId, long followerId, Instant now) {
		String token = Tokens.mint();
		jdbc.sql("insert into rsvp_token (token_hash, campaign_id, follower_id, created_at) values (?, ?, ?, ?)")
			.params(Tokens.hash(token), campaignId, followerId, FollowerRepository.utc(now)).update();
		return token;
	}

	record RsvpHolder(long campaignId, long followerId) {
	}

	Optional<RsvpHolder> resolveRsvp(String token) {
		String hash = Tokens.hash(token);
		return hash == null ? Optional.empty()
				: jdbc.sql("select campaign_id, follower_id from rsvp_token where token_hash = ?").param(hash)
					.query((rs, row) -> new RsvpHolder(rs.getLong(1), rs.getLong(2))).optional();
	}

	private Campaign campaign(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		String items = rs.getString("items");
		String reminders = rs.getString("reminders");
		return new Campaign(rs.getLong("id"), rs.getLong("organization_id"), rs.getLong("meeting_id"), rs.getString("ask"),
				json.readValue(rs.getString("messages"), new TypeReference<LinkedHashMap<String, String>>() {
				}), items == null || items.isBlank() ? List.of() : List.of(items.split("\n")),
				reminders == null || reminders.isBlank() ? List.of()
						: Arrays.stream(reminders.split(",")).map(Duration::parse).toList(),
				rs.getObject("send_at", OffsetDateTime.class).toInstant(), rs.getString("status"));
	}

}
