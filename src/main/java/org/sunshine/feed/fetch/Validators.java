package org.sunshine.feed.fetch;

/** HTTP cache validators remembered per feed for conditional GET; either may be null. */
public record Validators(String etag, String lastModified) {

	public static final Validators NONE = new Validators(null, null);

}
