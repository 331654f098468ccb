package org.sunshine.document;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.sunshine.feed.DocumentDownloads;
import org.sunshine.meeting.DocumentRead;
import org.sunshine.meeting.DocumentToRead;
import org.sunshine.meeting.Meetings;

/**
 * Reads the documents of every upcoming meeting, apart from any poll: a 300-page packet never holds a feed's
 * poll, and a document that cannot be read is recorded on its meetings and the sweep goes on. What a reading finds
 * goes to the meeting module, which turns new content into a change that is matched and told like any other.
 */
@Component
class DocumentSweep {

	private static final Logger log = LoggerFactory.getLogger(DocumentSweep.class);

	private final Meetings meetings;

	private final DocumentDownloads downloads;

	private final DocumentReader reader;

	private final DocumentProperties properties;

	DocumentSweep(Meetings meetings, DocumentDownloads downloads, DocumentReader reader, DocumentProperties properties) {
		this.meetings = meetings;
		this.downloads = downloads;
		this.reader = reader;
		this.properties = properties;
	}

	/** One pass over the documents of upcoming meetings; returns how many meetings got a revision. */
	int sweep() {
		int revisions = 0;
		for (DocumentToRead document : meetings.documentsToRead()) {
			DocumentDownloads.Policy policy = downloads.policy(document.feedId()).orElse(null);
			if (policy == null || !policy.enabled()) {
				continue;
			}
			long maxBytes = policy.maxSize() != null ? policy.maxSize() : properties.maxSize().toBytes();
			try {
				DocumentRead read = reader.read(document.feedId(), document.url(), maxBytes);
				revisions += meetings.documentRead(read);
			}
			catch (RuntimeException e) {
				// A database hiccup on one document: the next sweep tries it again, the others go on now.
				log.warn("Feed {}: reading a document failed: {}", document.feedId(), e.getClass().getSimpleName());
				log.debug("Reading a document of feed {} failed", document.feedId(), e);
			}
		}
		return revisions;
	}

}
