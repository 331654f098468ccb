package org.sunshine.feed.fetch;

import java.net.URI;

/** Fetches source documents over HTTP with timeouts, a size cap, conditional GET and a rule on where it may go. */
public interface Fetcher {

	/**
	 * GETs {@code uri}, sending {@code previous} as If-None-Match / If-Modified-Since, following redirects only
	 * within {@code reach}.
	 * @throws FetchException on timeout, I/O failure, a status other than 2xx/304, a body over the cap, or an
	 *         address or scheme outside the reach
	 */
	FetchResult fetch(URI uri, Validators previous, Reach reach) throws FetchException;

	/** As the admin's own url: {@code uri} itself may be anywhere, what it redirects to no more internal. */
	default FetchResult fetch(URI uri, Validators previous) throws FetchException {
		return fetch(uri, previous, Reach.of(uri));
	}

	/** An unconditional GET that must return a body. */
	default FetchResult fetch(URI uri) throws FetchException {
		return fetch(uri, Validators.NONE);
	}

}
