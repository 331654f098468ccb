package org.sunshine.feed.catalogue;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an invalid catalogue at start-up into a short message naming each feed and field, not a stack trace. */
class FeedCatalogueFailureAnalyzer extends AbstractFailureAnalyzer<InvalidFeedCatalogueException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidFeedCatalogueException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Fix the feed catalogue (see the comments at the top of config/feeds.yml) and start Sunshine again.", cause);
	}

}
