package org.sunshine.feed;

import java.net.URI;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.sunshine.feed.catalogue.FeedCatalogue;
import org.sunshine.feed.catalogue.FeedDefinition;
import org.sunshine.feed.fetch.AddressPolicy;
import org.sunshine.feed.fetch.FetchException;
import org.sunshine.feed.fetch.FetchResult;
import org.sunshine.feed.fetch.HttpFetcher;
import org.sunshine.feed.fetch.Validators;

/**
 * The feed module's fetching, offered to the document module: the same hardened client (one deadline for the whole
 * exchange, a size cap read without buffering past it, conditional GET, no query strings in messages, the feed's
 * reach), and each feed's document settings from the catalogue.
 */
@Component
public class DocumentDownloads {

	private final FeedCatalogue catalogue;

	private final HttpFetcher fetcher;

	DocumentDownloads(FeedCatalogue catalogue, FeedProperties properties, AddressPolicy addresses) {
		this.catalogue = catalogue;
		FeedProperties.Polling polling = properties.feed();
		this.fetcher = new HttpFetcher(polling.connectTimeout(), polling.timeout(), polling.maxBodySize().toBytes(),
				polling.userAgent(), addresses);
	}

	/**
	 * A feed's document settings.
	 *
	 * @param enabled whether its documents are read ({@code documents:} in feeds.yml)
	 * @param maxSize its {@code max-document-size} in bytes, or null for the default
	 */
	public record Policy(boolean enabled, Long maxSize) {
	}

	/** The feed's document settings; empty when the catalogue no longer lists it. */
	public Optional<Policy> policy(String feedId) {
		return catalogue.find(feedId).map(feed -> new Policy(feed.documents(), feed.maxDocumentSize()));
	}

	/** What a download brought: "not modified" (no body) or a body with its type and validators. */
	public record Download(boolean notModified, byte[] body, String contentType, String etag, String lastModified) {
	}

	/** A download that failed: timeout, refused connection, a status other than 2xx / 304, a body over the cap. */
	public static class DownloadFailed extends Exception {

		DownloadFailed(String message, Throwable cause) {
			super(message, cause);
		}

	}

	/**
	 * GETs {@code uri}, a link found in feed {@code feedId}'s content, conditionally when validators are given,
	 * refusing a body larger than {@code maxBytes}. The link is the source's word, not the admin's: like a redirect,
	 * it may lead no further inside the network than the feed's own url (see {@link AddressPolicy}).
	 */
	public Download download(String feedId, URI uri, String etag, String lastModified, long maxBytes)
			throws DownloadFailed {
		FeedDefinition feed = catalogue.find(feedId).orElse(null);
		if (feed == null) {
			throw new DownloadFailed("feed " + feedId + " is no longer in the catalogue", null);
		}
		try {
			FetchResult result = fetcher.fetch(uri, new Validators(etag, lastModified), feed.reach(),
					maxBytes);
			return new Download(result.notModified(), result.body(), result.contentType(), result.validators().etag(),
					result.validators().lastModified());
		}
		catch (FetchException e) {
			throw new DownloadFailed(e.getMessage(), e);
		}
	}

}
