package org.sunshine.feed.fetch;

/**
 * What a fetch brought back: either "not modified" (a 304 to a conditional GET, no body) or a body.
 *
 * @param notModified true when the server answered 304
 * @param body the response body (never larger than the configured cap), empty when not modified
 * @param contentType the Content-Type header, or null
 * @param validators the validators to send next time
 */
public record FetchResult(boolean notModified, byte[] body, String contentType, Validators validators) {

	public static FetchResult notModified(Validators validators) {
		return new FetchResult(true, new byte[0], null, validators);
	}

}
