package org.sunshine.document;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.sunshine.feed.DocumentDownloads;
import org.sunshine.meeting.DocumentRead;

/**
 * Reads one document, doing no more work than its changes need: not asked for again within
 * {@code recheck-after}; asked for conditionally (ETag / Last-Modified) after that; not parsed when its content
 * hash is one already read, under this URL or another.
 */
@Component
class DocumentReader {

	private final DocumentDownloads downloads;

	private final TextExtractor extractor;

	private final DocumentRepository repository;

	private final DocumentProperties properties;

	private final Clock clock;

	DocumentReader(DocumentDownloads downloads, TextExtractor extractor, DocumentRepository repository,
			DocumentProperties properties, Clock clock) {
		this.downloads = downloads;
		this.extractor = extractor;
		this.repository = repository;
		this.properties = properties;
		this.clock = clock;
	}

	DocumentRead read(String feedId, String url, long maxBytes) {
		Instant now = clock.instant();
		Optional<DocumentRepository.Cached> cached = repository.find(url);
		if (cached.isPresent() && cached.get().checkedAt().plus(properties.recheckAfter()).isAfter(now)) {
			return reading(url, cached.get(), true);
		}
		boolean haveContent = cached.map(DocumentRepository.Cached::contentHash).isPresent();
		DocumentDownloads.Download download;
		try {
			URI uri = URI.create(url);
			// Validators are worth sending only while the content they stand for is kept.
			download = downloads.download(feedId, uri, haveContent ? cached.get().etag() : null,
					haveContent ? cached.get().lastModified() : null, maxBytes);
		}
		catch (DocumentDownloads.DownloadFailed | IllegalArgumentException e) {
			repository.fetchFailed(url, e.getMessage(), now);
			return new DocumentRead(url, null, null, e.getMessage(), false);
		}
		if (download.notModified() && haveContent) {
			repository.fetched(url, download.etag(), download.lastModified(), now);
			return reading(url, cached.get(), false);
		}
		String hash = DocumentRepository.sha256(download.body());
		if (haveContent && hash.equals(cached.get().contentHash())) {
			repository.fetched(url, download.etag(), download.lastModified(), now);
			return reading(url, cached.get(), false);
		}
		repository.fetched(url, download.etag(), download.lastModified(), now);
		Optional<DocumentRepository.Cached> sameContent = repository.findContent(hash);
		DocumentText text = sameContent.isPresent() ? null : extractor.extract(download.body(), download.contentType());
		if (text == null) {
			DocumentRepository.Cached known = sameContent.get();
			text = new DocumentText(repository.pages(hash), known.pages(), known.error());
		}
		repository.changed(url, hash, text, now);
		return new DocumentRead(url, hash, text.pageCount(), text.error(), text.hasText());
	}

	/** What is known of the URL; with {@code lastFetchCounts}, a failure of the last fetch is what is reported. */
	private static DocumentRead reading(String url, DocumentRepository.Cached cached, boolean lastFetchCounts) {
		if (lastFetchCounts && cached.fetchError() != null) {
			return new DocumentRead(url, null, null, cached.fetchError(), false);
		}
		return new DocumentRead(url, cached.contentHash(), cached.pages(), cached.error(), cached.hasText());
	}

}
