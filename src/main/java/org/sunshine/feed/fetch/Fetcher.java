package org.sunshine.feed.fetch;

import java.net.URI;

/** Fetches source documents over HTTP with timeouts, a size cap and conditional GET. */
public interface Fetcher {

	/**
	 * GETs {@code uri}, sending {@code previous} as If-None-Match / If-Modified-Since.
	 * @throws FetchException on timeout, I/O failure, a status other than 2xx/304, or a body over the cap
	 */
	FetchResult fetch(URI uri, Validators previous) throws FetchException;

	/** An unconditional GET that must return a body. */
	default FetchResult fetch(URI uri) throws FetchException {
		return fetch(uri, Validators.NONE);
	}

}
