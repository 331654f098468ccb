package org.sunshine.meeting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

	/** Meetings whose items one query loads: well under the bind parameters a statement may have. */
	private static final int IDS_PER_QUERY = 1000;

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

	/**
	 * The query's meetings in start order (then id), after {@code after} if given, skipping {@code offset}, at most
	 * {@code limit}; with their items and documents, loaded for all of them at once.
	 */
	List<Meeting> list(MeetingQuery query, MeetingCursor after, int offset, int limit) {
		StringBuilder sql = new StringBuilder("select " + MEETING_COLUMNS
				+ " from meeting m where starts_at >= :from and starts_at < :to");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("from", utc(query.from()));
		params.put("to", utc(query.to()));
		if (query.feedId() != null) {
			sql.append(" and feed_id = :feed");
			params.put("feed", query.feedId());
		}
		if (query.body() != null) {
			sql.append(" and lower(body) = :body");
			params.put("body", query.body().toLowerCase(Locale.ROOT));
		}
		if (after != null) {
			sql.append(" and (starts_at > :afterStart or (starts_at = :afterStart and id > :afterId))");
			params.put("afterStart", utc(after.start()));
			params.put("afterId", after.id());
		}
		sql.append(" order by starts_at, id");
		if (limit < Integer.MAX_VALUE) {
			sql.append(" limit :limit offset :offset");
			params.put("limit", limit);
			params.put("offset", offset);
		}
		return withItems(jdbc.sql(sql.toString()).params(params).query(MeetingRepository::meeting).list());
	}

	/** Of the meetings {@code ids}, those starting within the query's window, earliest first, at most {@code limit}. */
	List<Meeting> among(Collection<Long> ids, MeetingQuery window, int limit) {
		List<Long> all = List.copyOf(ids);
		List<Meeting> found = new ArrayList<>();
		for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
			found.addAll(jdbc.sql("select " + MEETING_COLUMNS + " from meeting where id in (:ids)"
					+ " and starts_at >= :from and starts_at < :to order by starts_at, id limit :limit")
				.param("ids", all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY)))
				.param("from", utc(window.from()))
				.param("to", utc(window.to()))
				.param("limit", limit)
				.query(MeetingRepository::meeting)
				.list());
		}
		found.sort(java.util.Comparator.comparing(Meeting::start).thenComparingLong(Meeting::id));
		return withItems(found.subList(0, Math.min(found.size(), limit)));
	}

	int countFeedMeetings(String feedId, Instant from) {
		return jdbc.sql("select count(*) from meeting where feed_id = ? and starts_at >= ?")
			.params(feedId, utc(from)).query(Integer.class).single();
	}

	private Meeting withItems(Meeting meeting) {
		return withItems(List.of(meeting)).get(0);
	}

	/** The meetings with their items and documents: two queries per {@value #IDS_PER_QUERY} meetings, never one each. */
	private List<Meeting> withItems(List<Meeting> meetings) {
		Map<Long, List<AgendaItem>> items = new HashMap<>();
		Map<Long, Map<String, List<MeetingDocument>>> documents = new HashMap<>();
		List<Long> ids = meetings.stream().map(Meeting::id).toList();
		for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
			List<Long> some = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
			jdbc.sql("""
					select meeting_id, item_key, number, title, text, matter_id, attachments from agenda_item
					where meeting_id in (:ids) order by meeting_id, position""")
				.param("ids", some)
				.query(rs -> {
					items.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(new AgendaItem(rs.getString(2),
							rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), attachments(rs.getString(7))));
				});
			jdbc.sql("""
					select meeting_id, item_key, title, url, pages, error, content_hash from meeting_document
					where meeting_id in (:ids) order by meeting_id, position""")
				.param("ids", some)
				.query(rs -> {
					documents.computeIfAbsent(rs.getLong(1), id -> new HashMap<>())
						.computeIfAbsent(rs.getString(2) == null ? "" : "item:" + rs.getString(2), key -> new ArrayList<>())
						.add(new MeetingDocument(rs.getString(3), rs.getString(4), (Integer) rs.getObject(5), rs.getString(6),
								rs.getString(7)));
				});
		}
		return meetings.stream().map(meeting -> {
			Map<String, List<MeetingDocument>> own = documents.getOrDefault(meeting.id(), Map.of());
			List<AgendaItem> documented = items.getOrDefault(meeting.id(), List.of()).stream()
				.map(item -> item.withDocuments(own.getOrDefault("item:" + item.key(), List.of())))
				.toList();
			return new Meeting(meeting.id(), meeting.feedId(), meeting.sourceId(), meeting.jurisdiction(), meeting.body(),
					meeting.title(), meeting.start(), meeting.zone(), meeting.location(), meeting.status(),
					meeting.agendaUrl(), meeting.sourceUrl(), meeting.description(), meeting.sequence(), documented,
					own.getOrDefault("", List.of()));
		}).toList();
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
