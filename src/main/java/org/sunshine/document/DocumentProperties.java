package org.sunshine.document;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the document module.
 *
 * @param maxSize a larger document is not downloaded (a feed's {@code max-document-size} replaces it)
 * @param maxPages pages of one PDF read; the rest is left out and noted on the document
 * @param maxPageChars characters kept of one page
 * @param maxReadTime time allowed to extract one document's text; past it, what was read is kept
 * @param maxMemory memory PDFBox may use for one document before it spills to temporary files
 * @param recheckAfter a document read this recently is not asked for again
 * @param sweepInterval how often the documents of upcoming meetings are looked at
 */
@ConfigurationProperties("sunshine.document")
record DocumentProperties(@DefaultValue("50MB") DataSize maxSize, @DefaultValue("500") int maxPages,
		@DefaultValue("100000") int maxPageChars, @DefaultValue("60s") Duration maxReadTime,
		@DefaultValue("32MB") DataSize maxMemory, @DefaultValue("1h") Duration recheckAfter,
		@DefaultValue("5m") Duration sweepInterval) {
}
