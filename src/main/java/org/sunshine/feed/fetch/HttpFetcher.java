package org.sunshine.feed.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Fetcher} on the JDK HTTP client.
 * <p>
 * One deadline covers the whole exchange (connect, headers and body): a server that answers the headers and then
 * trickles the body must not hold a poller longer than {@code totalTimeout}. The body is read on a worker thread
 * with a size cap, and the caller waits only for what is left of the deadline. Messages and logs name host and
 * path only, never the query string, because some sources (Legistar) carry access tokens there.
 * <p>
 * Redirects are followed here, one hop at a time, so that each hop is checked before it is connected to: only http
 * and https, never from https down to http, and only to addresses within the feed's {@link Reach} (every address the
 * host resolves to is checked, see {@link AddressPolicy}).
 */
public class HttpFetcher implements Fetcher {

	private static final String ACCEPT = "application/json, application/rss+xml, application/atom+xml, text/calendar, "
			+ "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

	private static final Logger log = LoggerFactory.getLogger(HttpFetcher.class);

	private static final AtomicInteger THREADS = new AtomicInteger();

	/** Daemon threads that read bodies; idle ones die off, so nothing needs shutting down. */
	private static final ExecutorService BODY_READERS = Executors.newCachedThreadPool(task -> {
		Thread thread = new Thread(task, "feed-body-reader-" + THREADS.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	});

	private final HttpClient client;

	private final Duration totalTimeout;

	private final long maxBodyBytes;

	private final String userAgent;

	private final AddressPolicy addresses;

	/** Most redirects followed for one fetch, as browsers and the JDK client allow. */
	static final int MAX_REDIRECTS = 5;

	public HttpFetcher(Duration connectTimeout, Duration totalTimeout, long maxBodyBytes, String userAgent) {
		this(connectTimeout, totalTimeout, maxBodyBytes, userAgent, AddressPolicy.SYSTEM);
	}

	public HttpFetcher(Duration connectTimeout, Duration totalTimeout, long maxBodyBytes, String userAgent,
			AddressPolicy addresses) {
		if (maxBodyBytes <= 0) {
			throw new IllegalArgumentException("maxBodyBytes must be positive");
		}
		this.totalTimeout = Objects.requireNonNull(totalTimeout, "totalTimeout");
		this.maxBodyBytes = maxBodyBytes;
		this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
		this.addresses = Objects.requireNonNull(addresses, "addresses");
		this.client = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	public FetchResult fetch(URI uri, Validators previous, Reach reach) throws FetchException {
		return fetch(uri, previous, reach, maxBodyBytes);
	}

	/** As {@link #fetch(URI, Validators, Reach)}, with a size cap of its own (documents have their own limit). */
	public FetchResult fetch(URI uri, Validators previous, Reach reach, long maxBodyBytes) throws FetchException {
		if (maxBodyBytes <= 0) {
			throw new IllegalArgumentException("maxBodyBytes must be positive");
		}
		Validators known = previous == null ? Validators.NONE : previous;
		long deadline = System.nanoTime() + totalTimeout.toNanos();
		requireHttp(uri);
		URI current = uri;
		HttpResponse<InputStream> response;
		for (int hops = 0;; hops++) {
			requireWithinReach(current, reach);
			log.debug("GET {}", describe(current));
			response = awaitHeaders(request(current, known), describe(current), deadline);
			URI next = redirectTarget(current, response);
			if (next == null) {
				break;
			}
			if (hops == MAX_REDIRECTS) {
				throw new FetchException("more than " + MAX_REDIRECTS + " redirects from " + describe(uri));
			}
			current = next;
		}
		String where = describe(current);
		int status = response.statusCode();
		if (status == 304) {
			close(response.body());
			return FetchResult.notModified(known);
		}
		if (status < 200 || status > 299) {
			close(response.body());
			throw new FetchException("HTTP " + status + " from " + where, status);
		}
		byte[] body = awaitBody(response, where, deadline, maxBodyBytes);
		String etag = response.headers().firstValue("ETag").orElse(known.etag());
		String lastModified = response.headers().firstValue("Last-Modified").orElse(known.lastModified());
		String contentType = response.headers().firstValue("Content-Type").orElse(null);
		return new FetchResult(false, body, contentType, new Validators(etag, lastModified));
	}

	/** Where a redirect leads, checked for scheme; null when {@code response} is no redirect. */
	private static URI redirectTarget(URI from, HttpResponse<InputStream> response) throws FetchException {
		int status = response.statusCode();
		if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
			return null;
		}
		close(response.body());
		return redirect(from, response.headers().firstValue("Location").orElse(null), status);
	}

	/** Where a redirect from {@code from} to {@code location} leads, if it may be followed at all. */
	static URI redirect(URI from, String location, int status) throws FetchException {
		if (location == null || location.isBlank()) {
			throw new FetchException("HTTP " + status + " without a Location from " + describe(from), status);
		}
		URI next;
		try {
			next = from.resolve(location.strip());
		}
		catch (IllegalArgumentException e) {
			throw new FetchException("redirect from " + describe(from) + " to an invalid URL refused", status);
		}
		String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(java.util.Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new FetchException("redirect from " + describe(from) + " to a " + scheme + ": URL refused "
					+ "(only http and https are fetched)", status);
		}
		if ("https".equalsIgnoreCase(from.getScheme()) && scheme.equals("http")) {
			throw new FetchException("redirect from https://" + describe(from) + " down to http://" + describe(next)
					+ " refused", status);
		}
		return next;
	}

	private static void requireHttp(URI uri) throws FetchException {
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new FetchException((scheme.isEmpty() ? "a relative URL" : "a " + scheme + ": URL")
					+ " refused (only http and https are fetched)");
		}
		if (uri.getHost() == null || uri.getHost().isBlank()) {
			throw new FetchException("a URL without a host refused");
		}
	}

	/**
	 * Resolves the host and checks every address it has against the feed's reach, before anything connects. (The
	 * client resolves the name again when it connects; a name that changes its answer in between is not caught.)
	 */
	private void requireWithinReach(URI uri, Reach reach) throws FetchException {
		InetAddress[] resolved;
		try {
			resolved = addresses.resolve(uri.getHost());
		}
		catch (UnknownHostException e) {
			throw new FetchException("cannot reach " + uri.getHost() + ": offline?", e);
		}
		Set<AddressPolicy.Kind> configured = null;
		for (InetAddress address : resolved) {
			AddressPolicy.Kind kind = AddressPolicy.kind(address);
			if (kind == AddressPolicy.Kind.PUBLIC) {
				continue;
			}
			if (configured == null) {
				configured = addresses.kinds(reach.configured().getHost());
			}
			if (!AddressPolicy.allows(configured, reach.allowPrivate(), kind)) {
				throw new FetchException("refused " + describe(uri) + ": it leads to the " + kind + " address "
						+ address.getHostAddress() + ", more internal than the feed's own url ("
						+ reach.configured().getHost() + "); "
						+ (kind == AddressPolicy.Kind.LINK_LOCAL || kind == AddressPolicy.Kind.ANY_LOCAL
								? "only a feed whose own url names such an address reaches one"
								: "set allow-private: true on the feed if it really leads into your network"));
			}
		}
	}

	private HttpRequest request(URI uri, Validators known) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET().timeout(totalTimeout).header("User-Agent", userAgent)
			// Legistar answers XML to some clients unless JSON is asked for; feeds get their own types.
			.header("Accept", ACCEPT);
		if ("http".equalsIgnoreCase(uri.getScheme())) {
			// HTTP/1.1, without the client's offer to upgrade to HTTP/2 in clear text (h2c): against Jetty the JDK's
			// client read 5 of 400 upgraded responses as HTTP/2 frames and lost the page. Over https, HTTP/2 is
			// agreed in the TLS handshake instead, and stays.
			builder.version(HttpClient.Version.HTTP_1_1);
		}
		if (known.etag() != null) {
			builder.header("If-None-Match", known.etag());
		}
		if (known.lastModified() != null) {
			builder.header("If-Modified-Since", known.lastModified());
		}
		return builder.build();
	}

	private HttpResponse<InputStream> awaitHeaders(HttpRequest request, String where, long deadline)
			throws FetchException {
		CompletableFuture<HttpResponse<InputStream>> pending = client.sendAsync(request, BodyHandlers.ofInputStream());
		try {
			return pending.get(remaining(deadline), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			pending.cancel(true);
			throw timedOut(where);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause() == null ? ex : ex.getCause();
			if (cause instanceof java.net.ConnectException || cause instanceof java.net.http.HttpConnectTimeoutException
					|| cause instanceof java.net.UnknownHostException) {
				// What an admin can act on: the machine cannot reach the host at all (offline, DNS, firewall).
				throw new FetchException("cannot reach " + request.uri().getHost() + ": offline?", cause);
			}
			if (cause instanceof java.net.http.HttpTimeoutException) {
				// The request's own timeout is the same deadline; whichever of the two notices first, it is a timeout.
				throw timedOut(where);
			}
			throw new FetchException("GET " + where + " failed: " + cause.getClass().getSimpleName(), cause);
		}
		catch (InterruptedException ex) {
			pending.cancel(true);
			Thread.currentThread().interrupt();
			throw new FetchException("GET " + where + " interrupted", ex);
		}
	}

	private byte[] awaitBody(HttpResponse<InputStream> response, String where, long deadline, long maxBodyBytes)
			throws FetchException {
		long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
		InputStream in = response.body();
		if (declared > maxBodyBytes) {
			close(in);
			throw tooLarge(where, maxBodyBytes);
		}
		Future<byte[]> reading = BODY_READERS.submit(() -> readCapped(in, maxBodyBytes));
		try {
			byte[] body = reading.get(remaining(deadline), TimeUnit.NANOSECONDS);
			if (body.length > maxBodyBytes) {
				throw tooLarge(where, maxBodyBytes);
			}
			return body;
		}
		catch (TimeoutException ex) {
			throw timedOut(where);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause() == null ? ex : ex.getCause();
			throw new FetchException("reading the body of " + where + " failed: " + cause.getClass().getSimpleName(),
					cause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new FetchException("GET " + where + " interrupted", ex);
		}
		finally {
			// Closing cancels the exchange, which also releases a reader stuck waiting for bytes.
			close(in);
			reading.cancel(true);
		}
	}

	/** Reads at most one byte past the cap, so an oversized body is detected without buffering all of it. */
	private static byte[] readCapped(InputStream in, long maxBodyBytes) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		long limit = maxBodyBytes + 1;
		long total = 0;
		int n;
		while (total < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) != -1) {
			out.write(buffer, 0, n);
			total += n;
		}
		return out.toByteArray();
	}

	private static long remaining(long deadline) {
		return Math.max(0, deadline - System.nanoTime());
	}

	private FetchException timedOut(String where) {
		return new FetchException("GET " + where + " did not complete within " + totalTimeout.toMillis() + " ms");
	}

	private static FetchException tooLarge(String where, long maxBodyBytes) {
		return new FetchException("response larger than " + maxBodyBytes + " bytes from " + where);
	}

	private static void close(InputStream in) {
		try {
			in.close();
		}
		catch (IOException ignored) {
			// Nothing more to release.
		}
	}

	/** Host and path of {@code uri}: safe for messages and logs, unlike the query string. */
	static String describe(URI uri) {
		return (uri.getHost() == null ? "" : uri.getHost()) + (uri.getRawPath() == null ? "" : uri.getRawPath());
	}

}
