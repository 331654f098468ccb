package org.sunshine.document;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The document cache: per URL its validators and current content; per distinct content the text of each page. */
@Repository
class DocumentRepository {

	private final JdbcClient jdbc;

	DocumentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * What is known of one URL.
	 *
	 * @param error what reading its content noted (encrypted, no text, pages left out), or null
	 * @param fetchError why the last attempt to fetch it failed, or null when it succeeded
	 */
	record Cached(String etag, String lastModified, String contentHash, Integer pages, boolean hasText, String error,
			String fetchError, Instant checkedAt) {
	}

	Optional<Cached> find(String url) {
		return jdbc.sql("""
				select etag, last_modified, content_hash, pages, has_text, error, fetch_error, checked_at from document
				where url_key = ?""")
			.param(sha256(url))
			.query((rs, row) -> new Cached(rs.getString(1), rs.getString(2), rs.getString(3), (Integer) rs.getObject(4),
					rs.getBoolean(5), rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class).toInstant()))
			.optional();
	}

	/** The reading of the same content under another URL, so that it is not parsed again. */
	Optional<Cached> findContent(String contentHash) {
		return jdbc.sql("""
				select content_hash, pages, has_text, error, checked_at from document
				where content_hash = ? order by checked_at desc""")
			.param(contentHash)
			.query((rs, row) -> new Cached(null, null, rs.getString(1), (Integer) rs.getObject(2), rs.getBoolean(3),
					rs.getString(4), null, rs.getObject(5, OffsetDateTime.class).toInstant()))
			.list().stream().findFirst();
	}

	/** Remembers that the URL was fetched now, with its validators. */
	void fetched(String url, String etag, String lastModified, Instant now) {
		int updated = jdbc.sql("""
				update document set etag = ?, last_modified = ?, fetch_error = null, checked_at = ? where url_key = ?""")
			.params(fit(etag, 512), fit(lastModified, 128), utc(now), sha256(url))
			.update();
		if (updated == 0) {
			jdbc.sql("insert into document (url_key, url, etag, last_modified, checked_at) values (?, ?, ?, ?, ?)")
				.params(sha256(url), url, fit(etag, 512), fit(lastModified, 128), utc(now))
				.update();
		}
	}

	/** Remembers that fetching the URL failed now; the content it had (if any) is kept. */
	void fetchFailed(String url, String error, Instant now) {
		int updated = jdbc.sql("update document set fetch_error = ?, checked_at = ? where url_key = ?")
			.params(fit(error, 2000), utc(now), sha256(url))
			.update();
		if (updated == 0) {
			jdbc.sql("insert into document (url_key, url, fetch_error, checked_at) values (?, ?, ?, ?)")
				.params(sha256(url), url, fit(error, 2000), utc(now))
				.update();
		}
	}

	/**
	 * Stores new content of a URL: its pages (once per distinct content), and the URL's pointer to it. The content it
	 * had before stays as its previous content (matching compares the two); the one before that is deleted unless
	 * some other URL still holds it.
	 */
	@Transactional
	void changed(String url, String contentHash, DocumentText text, Instant now) {
		Optional<String> dropped = jdbc.sql("select previous_hash from document where url_key = ?").param(sha256(url))
			.query(String.class).optional();
		boolean stored = jdbc.sql("select count(*) from document_page where content_hash = ?").param(contentHash)
			.query(Integer.class).single() > 0;
		if (!stored) {
			for (int i = 0; i < text.pages().size(); i++) {
				jdbc.sql("insert into document_page (content_hash, page, text) values (?, ?, ?)")
					.params(contentHash, i + 1, clean(text.pages().get(i)))
					.update();
			}
		}
		jdbc.sql("""
				update document set previous_hash = content_hash, content_hash = ?, pages = ?, has_text = ?, error = ?,
				    changed_at = ? where url_key = ?""")
			.params(contentHash, text.pageCount(), text.hasText(), fit(text.error(), 2000), utc(now), sha256(url))
			.update();
		dropped.filter(hash -> !hash.equals(contentHash)).ifPresent(this::deleteIfUnused);
	}

	private void deleteIfUnused(String contentHash) {
		int users = jdbc.sql("select count(*) from document where content_hash = ? or previous_hash = ?")
			.params(contentHash, contentHash).query(Integer.class).single();
		if (users == 0) {
			jdbc.sql("delete from document_page where content_hash = ?").param(contentHash).update();
		}
	}

	List<String> pages(String contentHash) {
		return jdbc.sql("select text from document_page where content_hash = ? order by page")
			.param(contentHash).query(String.class).list();
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every JVM has SHA-256", e);
		}
	}

	private static String sha256(String url) {
		return sha256(url.getBytes(StandardCharsets.UTF_8));
	}

	/** Text as PostgreSQL accepts it (no NUL) and as the column holds it. */
	private static String clean(String text) {
		String clean = text.replace('\u0000', ' ');
		return clean.length() > 100_000 ? clean.substring(0, 100_000) : clean;
	}

	private static String fit(String text, int max) {
		if (text == null) {
			return null;
		}
		String clean = text.replace('\u0000', ' ');
		return clean.length() > max ? clean.substring(0, max) : clean;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
