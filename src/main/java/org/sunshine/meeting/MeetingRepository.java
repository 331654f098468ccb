package org.sunshine.meeting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Meetings, their items and their revisions in SQL that H2 and PostgreSQL share. */
@Repository
class MeetingRepository {

	private static final String MEETING_COLUMNS = "id, feed_id, source_id, jurisdiction, body, title, starts_at, zone, "
			+ "location, status, agenda_url, source_url, description, sequence";

	private final JdbcClient jdbc;

	MeetingRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Meeting> find(String feedId, String sourceId) {
		return jdbc.sql("select " + MEETING_COLUMNS + " from meeting where feed_id = ? and source_id = ?")
			.params(feedId, sourceId)
			.query(MeetingRepository::meeting)
			.optional()
			.map(this::withItems);
	}

	Optional<Meeting> find(long id) {
		return jdbc.sql("select " + MEETING_COLUMNS + " from meeting where id = ?")
			.param(id)
			.query(MeetingRepository::meeting)
			.optional()
			.map(this::withItems);
	}

	long insert(MeetingSnapshot seen, Instant now) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into meeting (feed_id, source_id, jurisdiction, body, title, starts_at, zone, location, status,
				    agenda_url, source_url, description, sequence, first_seen_at, updated_at)
				values (:feed, :source, :jurisdiction, :body, :title, :start, :zone, :location, :status,
				    :agenda, :url, :description, 0, :now, :now)""")
			.param("feed", seen.feedId())
			.param("source", seen.sourceId())
			.params(fields(seen, seen.status(), now))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	void update(long id, MeetingSnapshot seen, MeetingStatus status, int sequence, Instant now) {
		jdbc.sql("""
				update meeting set jurisdiction = :jurisdiction, body = :body, title = :title, starts_at = :start,
				    zone = :zone, location = coalesce(:location, location), status = :status, agenda_url = :agenda, source_url = :url,
				    description = :description, sequence = :sequence, updated_at = :now
				where id = :id""")
			.params(fields(seen, status, now))
			.param("sequence", sequence)
			.param("id", id)
			.update();
	}

	private static Map<String, Object> fields(MeetingSnapshot seen, MeetingStatus status, Instant now) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("jurisdiction", seen.jurisdiction());
		fields.put("body", seen.body());
		fields.put("title", seen.title());
		fields.put("start", utc(seen.start()));
		fields.put("zone", seen.zone().getId());
		fields.put("location", AgendaItem.blankToNull(seen.location()));
		fields.put("status", status.name());
		fields.put("agenda", seen.agendaUrl());
		fields.put("url", seen.sourceUrl());
		fields.put("description", AgendaItem.blankToNull(seen.description()));
		fields.put("now", utc(now));
		return fields;
	}

	/**
	 * Makes the stored items those given, writing only what differs: an item that is the same (same key, place and
	 * fields) is not touched, one that changed is updated in place, new ones are inserted and gone ones deleted. A
	 * feed of 100,000 unchanged items costs one read per meeting, not 100,000 deletes and inserts per poll.
	 */
	void syncItems(long meetingId, List<AgendaItem> items) {
		record Row(long id, int position, String number, String title, String text, String matterId,
				String attachments) {
		}
		Map<String, Row> stored = new HashMap<>();
		jdbc.sql("""
				select id, item_key, position, number, title, text, matter_id, attachments from agenda_item
				where meeting_id = ?""")
			.param(meetingId)
			.query((rs, row) -> stored.put(rs.getString(2), new Row(rs.getLong(1), rs.getInt(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8))))
			.list();
		int position = 0;
		for (AgendaItem item : items) {
			int at = position++;
			String attachments = String.join("\n", item.attachments());
			Row was = stored.remove(item.key());
			if (was == null) {
				jdbc.sql("""
						insert into agenda_item (meeting_id, item_key, position, number, title, text, matter_id, attachments)
						values (?, ?, ?, ?, ?, ?, ?, ?)""")
					.params(meetingId, item.key(), at, item.number(), item.title(), item.text(), item.matterId(),
							attachments)
					.update();
			}
			else if (!was.equals(new Row(was.id(), at, item.number(), item.title(), item.text(), item.matterId(),
					asRead(attachments, was.attachments())))) {
				jdbc.sql("""
						update agenda_item set position = ?, number = ?, title = ?, text = ?, matter_id = ?, attachments = ?
						where id = ?""")
					.params(at, item.number(), item.title(), item.text(), item.matterId(), attachments, was.id())
					.update();
			}
		}
		stored.values().forEach(gone -> jdbc.sql("delete from agenda_item where id = ?").param(gone.id()).update());
	}

	/** No attachments as the database gives them back: some store '' as null. */
	private static String asRead(String written, String read) {
		return written.isEmpty() && read == null ? null : written;
	}

	/**
	 * Replaces the meeting's document links (unless they are the same as stored), keeping what reading each one found (matched by URL): a poll that
	 * brings the same links again must not make a document look unread.
	 */
	void replaceDocuments(long meetingId, List<DocumentLink> meetingDocuments, List<AgendaItem> items) {
		record Link(String itemKey, String title, String url) {
		}
		List<Link> wanted = new ArrayList<>();
		meetingDocuments.forEach(link -> wanted.add(new Link(null, link.title(), link.url())));
		items.forEach(item -> item.documents().forEach(document -> wanted.add(new Link(item.key(), document.title(),
				document.url()))));
		List<Link> stored = jdbc.sql("select item_key, title, url from meeting_document where meeting_id = ? order by position")
			.param(meetingId)
			.query((rs, row) -> new Link(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
		if (stored.equals(wanted)) {
			return; // The same links in the same order: nothing to write, and what reading them found stays.
		}
		Map<String, MeetingDocument> known = new HashMap<>();
		jdbc.sql("select url, pages, error, content_hash from meeting_document where meeting_id = ?")
			.param(meetingId)
			.query((rs, row) -> new MeetingDocument(null, rs.getString(1), (Integer) rs.getObject(2), rs.getString(3),
					rs.getString(4)))
			.list()
			.forEach(document -> known.putIfAbsent(document.url(), document));
		jdbc.sql("delete from meeting_document where meeting_id = ?").param(meetingId).update();
		List<Object[]> rows = new ArrayList<>();
		meetingDocuments.forEach(link -> rows.add(documentRow(meetingId, null, rows.size(), link.title(), link.url(), known)));
		for (AgendaItem item : items) {
			item.documents().forEach(document -> rows.add(documentRow(meetingId, item.key(), rows.size(),
					document.title(), document.url(), known)));
		}
		for (Object[] row : rows) {
			jdbc.sql("""
					insert into meeting_document (meeting_id, item_key, position, title, url, url_key, pages, error,
					    content_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""").params(row).update();
		}
	}

	private static Object[] documentRow(long meetingId, String itemKey, int position, String title, String url,
			Map<String, MeetingDocument> known) {
		MeetingDocument read = known.get(url);
		return new Object[] { meetingId, itemKey, position, title, url, DocumentKeys.of(url),
				read == null ? null : read.pages(), read == null ? null : read.error(),
				read == null ? null : read.contentHash() };
	}

	/** One row of a document as a meeting holds it. */
	record DocumentRow(long meetingId, String itemKey, Integer pages, String error, String contentHash) {
	}

	List<DocumentRow> documentRows(String url, Instant from) {
		return jdbc.sql("""
				select d.meeting_id, d.item_key, d.pages, d.error, d.content_hash from meeting_document d
				join meeting m on m.id = d.meeting_id where d.url_key = ? and m.starts_at >= ? order by d.meeting_id""")
			.params(DocumentKeys.of(url), utc(from))
			.query((rs, row) -> new DocumentRow(rs.getLong(1), rs.getString(2), (Integer) rs.getObject(3),
					rs.getString(4), rs.getString(5)))
			.list();
	}

	void recordReading(long meetingId, String url, Integer pages, String error, String contentHash) {
		jdbc.sql("""
				update meeting_document set pages = ?, error = ?, content_hash = ? where meeting_id = ? and url_key = ?""")
			.params(pages, error, contentHash, meetingId, DocumentKeys.of(url))
			.update();
	}

	List<DocumentToRead> documentsToRead(Instant from) {
		return jdbc.sql("""
				select distinct d.url, m.feed_id from meeting_document d join meeting m on m.id = d.meeting_id
				where m.starts_at >= ? order by d.url""")
			.param(utc(from))
			.query((rs, row) -> new DocumentToRead(rs.getString(1), rs.getString(2)))
			.list();
	}

	long insertRevision(long meetingId, List<Change> changes, List<AgendaItem> removedItems, boolean critical,
			Instant now) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("insert into meeting_revision (meeting_id, detected_at, critical) values (?, ?, ?)")
			.params(meetingId, utc(now), critical)
			.update(keys, "id");
		long revisionId = keys.getKey().longValue();
		for (Change change : changes) {
			jdbc.sql("""
					insert into meeting_change (revision_id, kind, field, item_key, old_value, new_value)
					values (?, ?, ?, ?, ?, ?)""")
				.params(revisionId, change.kind().name(), change.field(), change.itemKey(), change.oldValue(),
						change.newValue())
				.update();
		}
		for (AgendaItem item : removedItems) {
			jdbc.sql("""
					insert into removed_agenda_item (revision_id, item_key, number, title, text, matter_id)
					values (?, ?, ?, ?, ?, ?)""")
				.params(revisionId, item.key(), item.number(), item.title(), item.text(), item.matterId())
				.update();
		}
		return revisionId;
	}

	void lock(long meetingId) {
		jdbc.sql("select id from meeting where id = ? for update").param(meetingId).query(Long.class).optional();
	}

	Optional<MeetingRevision> revision(long revisionId) {
		record Head(long meetingId, boolean critical, Instant detectedAt) {
		}
		Optional<Head> head = jdbc.sql("select meeting_id, critical, detected_at from meeting_revision where id = ?")
			.param(revisionId)
			.query((rs, row) -> new Head(rs.getLong(1), rs.getBoolean(2),
					rs.getObject(3, OffsetDateTime.class).toInstant()))
			.optional();
		Optional<Meeting> meeting = head.flatMap(h -> find(h.meetingId()));
		if (meeting.isEmpty()) {
			return Optional.empty();
		}
		List<Change> changes = jdbc.sql("""
				select kind, field, item_key, old_value, new_value from meeting_change where revision_id = ? order by id""")
			.param(revisionId)
			.query((rs, row) -> new Change(ChangeKind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getString(5)))
			.list();
		List<AgendaItem> removed = jdbc.sql("""
				select item_key, number, title, text, matter_id from removed_agenda_item where revision_id = ?""")
			.param(revisionId)
			.query((rs, row) -> new AgendaItem(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), List.of()))
			.list();
		return Optional.of(new MeetingRevision(meeting.get(), revisionId, changes, head.get().critical(), removed,
				head.get().detectedAt()));
	}

	List<Meeting> upcoming(Instant from, Instant to, String feedId, String text) {
		StringBuilder sql = new StringBuilder("select " + MEETING_COLUMNS
				+ " from meeting m where starts_at >= :from and starts_at < :to");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("from", utc(from));
		params.put("to", utc(to));
		if (feedId != null) {
			sql.append(" and feed_id = :feed");
			params.put("feed", feedId);
		}
		if (text != null) {
			sql.append(" and (lower(title) like :q or lower(body) like :q or lower(description) like :q"
					+ " or exists (select 1 from agenda_item i where i.meeting_id = m.id"
					+ " and (lower(i.title) like :q or lower(i.text) like :q)))");
			params.put("q", "%" + text.toLowerCase() + "%");
		}
		sql.append(" order by starts_at, id");
		return jdbc.sql(sql.toString()).params(params).query(MeetingRepository::meeting).list().stream()
			.map(this::withItems).toList();
	}

	int countFeedMeetings(String feedId, Instant from) {
		return jdbc.sql("select count(*) from meeting where feed_id = ? and starts_at >= ?")
			.params(feedId, utc(from)).query(Integer.class).single();
	}

	private Meeting withItems(Meeting meeting) {
		List<AgendaItem> items = jdbc.sql("""
				select item_key, number, title, text, matter_id, attachments from agenda_item
				where meeting_id = ? order by position""")
			.param(meeting.id())
			.query((rs, row) -> new AgendaItem(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), attachments(rs.getString(6))))
			.list();
		Map<String, List<MeetingDocument>> documents = new HashMap<>();
		jdbc.sql("""
				select item_key, title, url, pages, error, content_hash from meeting_document
				where meeting_id = ? order by position""")
			.param(meeting.id())
			.query((rs, row) -> {
				documents.computeIfAbsent(rs.getString(1) == null ? "" : "item:" + rs.getString(1), key -> new ArrayList<>())
					.add(new MeetingDocument(rs.getString(2), rs.getString(3), (Integer) rs.getObject(4), rs.getString(5),
							rs.getString(6)));
				return row;
			})
			.list();
		List<AgendaItem> documented = items.stream()
			.map(item -> item.withDocuments(documents.getOrDefault("item:" + item.key(), List.of())))
			.toList();
		return new Meeting(meeting.id(), meeting.feedId(), meeting.sourceId(), meeting.jurisdiction(), meeting.body(),
				meeting.title(), meeting.start(), meeting.zone(), meeting.location(), meeting.status(),
				meeting.agendaUrl(), meeting.sourceUrl(), meeting.description(), meeting.sequence(), documented,
				documents.getOrDefault("", List.of()));
	}

	private static List<String> attachments(String joined) {
		return joined == null || joined.isBlank() ? List.of() : new ArrayList<>(Arrays.asList(joined.split("\n")));
	}

	private static Meeting meeting(ResultSet rs, int row) throws SQLException {
		return new Meeting(rs.getLong("id"), rs.getString("feed_id"), rs.getString("source_id"),
				rs.getString("jurisdiction"), rs.getString("body"), rs.getString("title"),
				rs.getObject("starts_at", OffsetDateTime.class).toInstant(), ZoneId.of(rs.getString("zone")),
				rs.getString("location"), MeetingStatus.valueOf(rs.getString("status")), rs.getString("agenda_url"),
				rs.getString("source_url"), rs.getString("description"), rs.getInt("sequence"), List.of());
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
